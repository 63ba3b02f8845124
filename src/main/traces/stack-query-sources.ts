import type Docker from 'dockerode';
import { COMPOSE_LABEL } from '../engine/compose-labels';

/** Which query API a trace store of the stack speaks. */
export type QueryKind = 'zipkin' | 'jaeger';

/**
 * A service of the stack that keeps traces: where its query API is published on loopback, or
 * why it cannot be read (port null, `problem` set).
 */
export interface QuerySource {
  kind: QueryKind;
  service: string;
  port: number | null;
  problem: string | null;
}

/**
 * The label that names a service's query API when its image does not tell (a Zipkin built
 * from source, a mirror's own name for it): `dev.parity.traces.query: zipkin` or `jaeger`.
 */
export const QUERY_LABEL = 'dev.parity.traces.query';

// The query port each kind serves its UI and API on, inside the container.
const QUERY_PORT: Record<QueryKind, number> = { zipkin: 9411, jaeger: 16686 };

// Repositories of the images that serve each query API (Jaeger v1's all-in-one and query,
// v2's single binary), whatever registry prefix and tag they carry.
const IMAGES: [RegExp, QueryKind][] = [
  [/(^|\/)openzipkin\/zipkin(-slim)?$/, 'zipkin'],
  [/(^|\/)jaegertracing\/(all-in-one|jaeger-query|jaeger)$/, 'jaeger'],
];

// Addresses a published port can be read through 127.0.0.1 from: loopback itself, or every
// interface. Any other address is another host's business, never asked.
const LOOPBACK_READABLE = new Set(['127.0.0.1', '0.0.0.0', '::', '']);

/** The running containers of a project that are a Zipkin or a Jaeger, found by label or image. */
export function querySources(containers: readonly Docker.ContainerInfo[]): QuerySource[] {
  const sources: QuerySource[] = [];
  for (const container of containers) {
    if (container.State !== 'running') continue;
    const kind = kindOf(container);
    if (!kind) continue;
    const service = container.Labels[COMPOSE_LABEL.service] ?? container.Names[0] ?? container.Id;
    const port = QUERY_PORT[kind];
    const published = container.Ports.find(
      (p) =>
        p.PrivatePort === port &&
        p.Type === 'tcp' &&
        p.PublicPort !== undefined &&
        p.PublicPort > 0 &&
        LOOPBACK_READABLE.has(p.IP ?? ''),
    );
    sources.push(
      published
        ? { kind, service, port: published.PublicPort, problem: null }
        : {
            kind,
            service,
            port: null,
            problem: `${service} publishes no port ${port} on 127.0.0.1 (ports: ["127.0.0.1::${port}"] lets Parity read it)`,
          },
    );
  }
  return sources;
}

function kindOf(container: Docker.ContainerInfo): QueryKind | null {
  const label = container.Labels[QUERY_LABEL]?.trim().toLowerCase();
  if (label === 'zipkin' || label === 'jaeger') return label;
  // The repository: no tag, no digest.
  const repository = container.Image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  return IMAGES.find(([pattern]) => pattern.test(repository))?.[1] ?? null;
}
