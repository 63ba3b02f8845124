import type { Severity } from '../../shared/drift';
import type { Field, PortMapping, ServiceModel } from '../../shared/model';
import type { CompareContext, RawFinding } from './compare-service';

type Raw = RawFinding;

type Exposure = NonNullable<PortMapping['exposure']>;

// Compose leaves exposure unset: every port mapping there is published on the host (a random
// host port when none is written), or bound on it with mode host.
const exposureOf = (p: PortMapping): Exposure =>
  p.exposure ?? (p.mode === 'host' ? 'host' : 'published');

// Reachable from outside the cluster / the laptop, and how, in the terms both sides share.
const OUTSIDE: Partial<Record<Exposure, string>> = {
  published: 'host port',
  host: 'host port',
  'node-port': 'NodePort',
  'load-balancer': 'LoadBalancer',
};

function describeMapping(p: PortMapping): string {
  const exposure = exposureOf(p);
  const address = `${p.hostIp === null ? '' : `${p.hostIp}:`}${p.published ?? 'random'}`;
  switch (exposure) {
    case 'published':
    case 'host':
      return `host port ${address}`;
    case 'cluster':
      return `ClusterIP Service port ${p.published ?? p.target}`;
    case 'node-port':
      return `NodePort Service port ${p.published ?? p.target}`;
    case 'load-balancer':
      return `LoadBalancer Service port ${p.published ?? p.target}`;
    case 'none':
      return 'not exposed';
  }
}

/**
 * Container ports, each with how it is exposed. Only the container port itself and whether it
 * is reachable from outside (host port, NodePort, LoadBalancer) are compared: host port numbers,
 * host IPs and Service port numbers are only ways to reach it. A port only production declares,
 * reached through a ClusterIP Service alone, is how Kubernetes does what Compose does by
 * service name: expected, not drift.
 */
export function comparePorts(
  name: string,
  dev: ServiceModel,
  prod: ServiceModel,
  findings: Raw[],
  ctx: CompareContext,
): void {
  const byTarget = (s: ServiceModel): Map<string, Field<PortMapping>[]> => {
    const map = new Map<string, Field<PortMapping>[]>();
    for (const p of s.ports) {
      const key = `${p.value.target}/${p.value.protocol}`;
      map.set(key, [...(map.get(key) ?? []), p]);
    }
    return map;
  };
  const devPorts = byTarget(dev);
  const prodPorts = byTarget(prod);
  const text = (port: string, mappings: Field<PortMapping>[]): string =>
    `${port}: ${[...new Set(mappings.map((m) => describeMapping(m.value)))].join(', ')}`;
  const outside = (mappings: Field<PortMapping>[]): Field<PortMapping>[] =>
    mappings.filter((m) => OUTSIDE[exposureOf(m.value)] !== undefined);
  const kinds = (mappings: Field<PortMapping>[]): string =>
    [...new Set(mappings.map((m) => OUTSIDE[exposureOf(m.value)]))].sort().join(', ');
  for (const port of new Set([...devPorts.keys(), ...prodPorts.keys()])) {
    const d = devPorts.get(port);
    const p = prodPorts.get(port);
    const finding = (
      kind: Raw['kind'],
      severity: Severity,
      rule: string,
      devSide: Field<PortMapping>[] | undefined,
      prodSide: Field<PortMapping>[] | undefined,
      expected?: string,
    ): void => {
      findings.push({
        service: name,
        path: `ports.${port}`,
        kind,
        category: 'ports',
        severity,
        rule,
        secret: false,
        dev: { value: devSide ? text(port, devSide) : null, source: devSide?.[0]?.source ?? null },
        prod: {
          value: prodSide ? text(port, prodSide) : null,
          source: prodSide?.[0]?.source ?? null,
        },
        ...(expected === undefined ? {} : { expected }),
      });
    };
    if (d && p) {
      // Published on the laptop, internal in production (ClusterIP, or no Service): the usual
      // way to reach a service from the host in development, not drift.
      const devOutside = outside(d);
      const prodOutside = outside(p);
      if (prodOutside.length === 0 || kinds(devOutside) === kinds(prodOutside)) {
        ctx.onEquivalent?.(`ports.${port}`);
        continue;
      }
      finding(
        'changed',
        'info',
        'exposed outside differently',
        devOutside.length > 0 ? devOutside : d,
        prodOutside,
      );
    } else if (d) {
      finding('only-dev', 'warning', 'the service listens on a different container port', d, p);
    } else if (p) {
      const reach = new Set(p.map((m) => exposureOf(m.value)));
      const clusterOnly = reach.size === 1 && reach.has('cluster');
      finding(
        'only-prod',
        clusterOnly ? 'info' : 'warning',
        clusterOnly
          ? 'production reaches it through a ClusterIP Service'
          : outside(p).length > 0
            ? 'production exposes a port the laptop does not'
            : 'the service listens on a different container port',
        d,
        p,
        clusterOnly
          ? 'a ClusterIP Service reaches it inside the cluster, as Compose reaches a service by name'
          : undefined,
      );
    }
  }
}
