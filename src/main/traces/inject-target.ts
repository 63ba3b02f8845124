/** Where a container sends spans, from the receiver's URL as the host sees it. */
export interface ReceiverTarget {
  /** OTEL_EXPORTER_OTLP_ENDPOINT for a container on a bridge network: a base URL, no path. */
  fromContainer: string;
  /** The same for a container on the host's network (`network_mode: host`). */
  fromHostNetwork: string;
  /** The container reaches it as host.docker.internal, which needs extra_hosts host-gateway. */
  viaHostGateway: boolean;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The endpoint containers use for a receiver at `url` (`http://127.0.0.1:4318/v1/traces`, as
 * `parity serve` prints it): a loopback host becomes host.docker.internal, which host-gateway
 * maps to the host; any other host (a collector of the team's) is used as written. The path is
 * dropped because OTEL_EXPORTER_OTLP_ENDPOINT is a base URL the SDK appends /v1/traces to, and
 * Parity's receiver serves that path on both of its ports.
 */
export function receiverTarget(url: string): ReceiverTarget | { problem: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {
      problem: `found "${url}" as the receiver, expected a URL such as http://127.0.0.1:4318`,
    };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { problem: `found "${url}" as the receiver, expected an http:// or https:// URL` };
  }
  const port = parsed.port ? `:${parsed.port}` : '';
  const loopback = LOOPBACK.test(parsed.hostname);
  const viaHostGateway = loopback || parsed.hostname.toLowerCase() === 'host.docker.internal';
  const host = viaHostGateway ? 'host.docker.internal' : parsed.hostname;
  return {
    fromContainer: `${parsed.protocol}//${host}${port}`,
    fromHostNetwork: `${parsed.protocol}//${viaHostGateway ? '127.0.0.1' : parsed.hostname}${port}`,
    viaHostGateway,
  };
}
