import type { Field, PortMapping, ServiceModel } from '../../shared/model';

/** How a port is reached from outside its container; Compose mappings are published ones. */
export type Exposure = NonNullable<PortMapping['exposure']>;

/** The port mappings of one container port, `8080/tcp`. */
export type PortMappings = Field<PortMapping>[];

// Compose leaves exposure unset: every port mapping there is published on the host (a random
// host port when none is written), or bound on it with mode host.
export const exposureOf = (p: PortMapping): Exposure =>
  p.exposure ?? (p.mode === 'host' ? 'host' : 'published');

/**
 * Reachable from outside the cluster or the laptop: a host port, a NodePort, a load balancer,
 * or an Ingress routing a host and path to its Service port.
 */
export const isOutside = (p: PortMapping): boolean =>
  ['published', 'host', 'node-port', 'load-balancer'].includes(exposureOf(p)) ||
  (p.ingress?.length ?? 0) > 0;

// `Ingress shop.example.com/api`, one per route, by host and path (`*` any host).
function ingressText(p: PortMapping): string | null {
  const routes = [...new Set((p.ingress ?? []).map((r) => `${r.host ?? '*'}${r.path ?? '/'}`))];
  return routes.length > 0 ? `Ingress ${routes.sort().join(', ')}` : null;
}

// Two texts of one mapping, either of which may be absent.
const both = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : `${a}, ${b}`;

/** Reached inside the cluster through a Service: by a Service port, whatever its type. */
export const isServicePort = (p: PortMapping): boolean =>
  ['cluster', 'node-port', 'load-balancer'].includes(exposureOf(p)) && p.published !== null;

/**
 * How the outside world reaches the port, in the terms both platforms share: `host port 8080`
 * (Compose publishing, a Kubernetes hostPort), `NodePort 31000` (or `NodePort random` when the
 * cluster picks it), `LoadBalancer port 80`, `Ingress shop.example.com/api` (by host and path).
 * Host IPs are left out: only how and at which number.
 */
export function outsideText(p: PortMapping): string | null {
  return both(serviceOutsideText(p), ingressText(p));
}

function serviceOutsideText(p: PortMapping): string | null {
  switch (exposureOf(p)) {
    case 'published':
    case 'host':
      return `host port ${p.published ?? 'random'}`;
    case 'node-port':
      return `NodePort ${p.nodePort ?? 'random'}`;
    case 'load-balancer':
      return `LoadBalancer port ${p.published ?? p.target}`;
    case 'cluster':
    case 'none':
      return null;
  }
}

/** How one mapping reaches the port, in words, for a finding's value. */
export function mappingText(p: PortMapping): string {
  const text = serviceMappingText(p);
  return both(text, ingressText(p)) ?? text;
}

function serviceMappingText(p: PortMapping): string {
  const via = p.service ? `Service ${p.service.name} port ${p.published ?? p.target}` : null;
  switch (exposureOf(p)) {
    case 'published':
    case 'host':
      return `host port ${p.hostIp === null ? '' : `${p.hostIp}:`}${p.published ?? 'random'}`;
    case 'cluster':
      return `ClusterIP ${via ?? `Service port ${p.published ?? p.target}`}`;
    case 'node-port':
      return `NodePort ${p.nodePort ?? 'random'} (${via ?? `Service port ${p.published ?? p.target}`})`;
    case 'load-balancer':
      return `LoadBalancer ${via ?? `Service port ${p.published ?? p.target}`}`;
    case 'none':
      return 'not exposed';
  }
}

/**
 * A service's container ports, `8080/tcp` to its mappings: its `ports`, and for Compose its
 * `expose` entries (listened on, reached by name, not published).
 */
export function portsByTarget(service: ServiceModel): Map<string, PortMappings> {
  const map = new Map<string, PortMappings>();
  const add = (key: string, field: Field<PortMapping>): void => {
    map.set(key, [...(map.get(key) ?? []), field]);
  };
  for (const p of service.ports) add(`${p.value.target}/${p.value.protocol}`, p);
  const expose = service.container?.expose;
  for (const entry of expose?.value ?? []) {
    const m = /^(\d+)(?:\/(tcp|udp|sctp))?$/i.exec(entry.trim());
    if (!m || !expose) continue;
    const protocol = (m[2]?.toLowerCase() ?? 'tcp') as PortMapping['protocol'];
    const key = `${m[1]}/${protocol}`;
    if (map.has(key)) continue;
    add(key, {
      value: {
        target: Number(m[1]),
        published: null,
        hostIp: null,
        protocol,
        mode: 'ingress',
        exposure: 'none',
      },
      source: expose.source,
    });
  }
  return map;
}

/** One side's mappings of a port as a finding's value: `8080/tcp: host port 8081, ...`. */
export function portText(port: string, mappings: PortMappings): string {
  return `${port}: ${[...new Set(mappings.map((m) => mappingText(m.value)))].join(', ')}`;
}
