import { EndpointConfigError } from './endpoint-error';

/** A Docker engine address, taken apart: what a client needs to dial it. */
export type ParsedEndpoint =
  | { scheme: 'unix' | 'npipe'; path: string }
  | { scheme: 'tcp'; host: string; port: number }
  | { scheme: 'ssh'; host: string; port: number; username: string | null };

/** Ports Docker's own client assumes when a tcp:// address names none. */
const DOCKER_PORT = { plain: 2375, tls: 2376 } as const;

/**
 * Reads an engine address as the docker CLI does (`-H`, DOCKER_HOST, a context's Host):
 * `unix:///path`, `npipe:////./pipe/name`, `tcp://host[:port]` (a bare `host:port` is tcp),
 * `ssh://[user@]host[:port]`. `where` names what held it, for the error.
 */
export function parseEndpoint(value: string, where: string, tls = false): ParsedEndpoint {
  const text = value.trim();
  const bad = (why: string): EndpointConfigError =>
    new EndpointConfigError(
      `${where} is "${value}": ${why} (expected unix:///path, tcp://host:port, ssh://user@host or npipe:////./pipe/name)`,
    );
  const separator = text.indexOf('://');
  const scheme = separator < 0 ? 'tcp' : text.slice(0, separator).toLowerCase();
  const rest = separator < 0 ? text : text.slice(separator + 3);
  switch (scheme) {
    case 'unix':
    case 'npipe':
      if (rest === '') throw bad('no path after the scheme');
      return { scheme, path: rest };
    case 'tcp':
    case 'ssh': {
      let url: URL;
      try {
        // URL parses host, port, user and IPv6 brackets; the scheme only picks the parser.
        url = new URL(`http://${rest}`);
      } catch {
        throw bad('not a host[:port]');
      }
      if (url.hostname === '') throw bad('no host');
      if (url.pathname !== '/' && url.pathname !== '') throw bad('a path is not supported');
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      if (scheme === 'ssh') {
        return {
          scheme,
          host,
          port: url.port === '' ? 22 : Number(url.port),
          username: url.username === '' ? null : decodeURIComponent(url.username),
        };
      }
      if (url.username !== '') throw bad('tcp:// takes no user');
      const port = url.port === '' ? (tls ? DOCKER_PORT.tls : DOCKER_PORT.plain) : Number(url.port);
      return { scheme, host, port };
    }
    default:
      throw bad(`unsupported scheme ${scheme}://`);
  }
}

/** The address written back in the form the docker CLI prints. */
export function formatEndpoint(parsed: ParsedEndpoint): string {
  switch (parsed.scheme) {
    case 'unix':
    case 'npipe':
      return `${parsed.scheme}://${parsed.path}`;
    case 'tcp':
      return `tcp://${hostPort(parsed.host, parsed.port)}`;
    case 'ssh':
      return `ssh://${parsed.username === null ? '' : `${parsed.username}@`}${
        parsed.port === 22 ? bracket(parsed.host) : hostPort(parsed.host, parsed.port)
      }`;
  }
}

function hostPort(host: string, port: number): string {
  return `${bracket(host)}:${port}`;
}

function bracket(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
