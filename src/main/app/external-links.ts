const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether a link may leave the app for the browser: http(s) on a loopback name, to a port a
 * stack publishes right now (the service links of the graph). Anything else is dropped.
 */
export function isPublishedServiceUrl(raw: string, ports: ReadonlySet<number>): boolean {
  try {
    const url = new URL(raw);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      LOOPBACK.has(url.hostname) &&
      ports.has(port)
    );
  } catch {
    return false;
  }
}
