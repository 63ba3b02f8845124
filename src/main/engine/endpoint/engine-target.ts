import { formatEndpoint, type ParsedEndpoint } from './parse-endpoint';
import type { TlsMaterial } from './tls-material';

/** Where the choice of engine came from, in the docker CLI's order of precedence. */
export type EndpointSource =
  | { kind: 'host-flag' }
  | { kind: 'docker-host' }
  | { kind: 'settings' }
  | { kind: 'context'; context: string; via: 'flag' | 'docker-context' | 'settings' | 'current' }
  | { kind: 'default'; socket: string };

/** The Docker engine Parity talks to: its address, why this one, and the TLS files it uses. */
export interface EngineTarget {
  /** The address as Docker's tools write it: unix:///…, tcp://host:port, ssh://…, npipe://…. */
  endpoint: string;
  parsed: ParsedEndpoint;
  source: EndpointSource;
  /** For tcp:// engines spoken to over TLS; null otherwise. */
  tls: TlsMaterial | null;
}

/** A target from its parts; the endpoint string is derived so every message writes it alike. */
export function engineTarget(
  parsed: ParsedEndpoint,
  source: EndpointSource,
  tls: TlsMaterial | null,
): EngineTarget {
  return {
    endpoint: formatEndpoint(parsed),
    parsed,
    source,
    tls: parsed.scheme === 'tcp' ? tls : null,
  };
}

/** The Docker context in use, or null when the engine was named without one. */
export function contextOf(target: EngineTarget): string | null {
  return target.source.kind === 'context' ? target.source.context : null;
}

/** Why this engine, in a few words for a message: `context "colima"`, `DOCKER_HOST`, …. */
export function describeSource(source: EndpointSource): string {
  switch (source.kind) {
    case 'host-flag':
      return '-H/--host';
    case 'docker-host':
      return 'DOCKER_HOST';
    case 'settings':
      return 'chosen in Settings';
    case 'context':
      switch (source.via) {
        case 'flag':
          return `context "${source.context}" from --context`;
        case 'docker-context':
          return `context "${source.context}" from DOCKER_CONTEXT`;
        case 'settings':
          return `context "${source.context}" chosen in Settings`;
        case 'current':
          return `context "${source.context}"`;
      }
      break;
    case 'default':
      return source.socket;
  }
}

/** The one sentence every command and view uses when the engine does not answer. */
export function unreachableSentence(target: EngineTarget, reason: string): string {
  return `cannot reach the Docker engine at ${target.endpoint} (${describeSource(target.source)}): ${reason}`;
}
