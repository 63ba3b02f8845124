import type { ServiceMatch } from '../../shared/drift';
import type { EnvironmentModel, PortMapping, ServiceModel } from '../../shared/model';
import type { RawFinding } from './compare-service';

/** Where a host name (and port) in a value leads: a dev service, by pairing, and its container port. */
export interface Endpoint {
  service: string;
  port: number | null;
}

/** How two values that differ in text name the same endpoints. */
export interface SameEndpoints {
  /**
   * qualified: only the DNS form differs (`emoji-svc` / `emoji-svc.emojivoto.svc.cluster.local`),
   * the same name and port: equivalent. remapped: a Service port or a paired service's other
   * name leads to the same container port: expected, with the reason in words.
   */
  kind: 'qualified' | 'remapped';
  reason: string;
}

// A host name, with a port when one is written. Not inside a longer word, a version or a path
// of dots; `@` and `/` may come before it (user info, scheme).
const HOST =
  /(?<![A-Za-z0-9_.-])([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(?::(\d{1,5}))?(?![A-Za-z0-9_-])/g;
const SCHEME = /([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:[^@/\s]*@)?$/;
const DEFAULT_PORTS: Record<string, number> = { http: 80, ws: 80, https: 443, wss: 443 };

/**
 * The Kubernetes DNS forms of a Service's name: `svc`, `svc.ns`, `svc.ns.svc`,
 * `svc.ns.svc.cluster.local`, as `{name, namespace}`; null for any other host (an outside one).
 */
export function serviceDnsName(host: string): { name: string; namespace: string | null } | null {
  const labels = host.toLowerCase().split('.');
  if (labels.slice(-3).join('.') === 'svc.cluster.local') labels.splice(-3, 3);
  else if (labels.at(-1) === 'svc' && labels.length === 3) labels.splice(-1, 1);
  if (labels.length === 1) return { name: labels[0] ?? '', namespace: null };
  if (labels.length === 2) return { name: labels[0] ?? '', namespace: labels[1] ?? null };
  return null;
}

/** The names clients reach a production service by: its Kubernetes Services' names. */
export function serviceNamesOf(service: ServiceModel | undefined): string[] {
  return [
    ...new Set(
      (service?.ports ?? []).flatMap((p) => (p.value.service ? [p.value.service.name] : [])),
    ),
  ];
}

/** Where a host (and the port written or implied) leads, or null when it names no service. */
export type Resolve = (host: string, port: number | null) => Endpoint | null;

// A dev (Compose) host: a service name or container name; the port is the container port.
function devResolver(dev: EnvironmentModel): Resolve {
  const byName = new Map<string, string>();
  for (const [name, s] of Object.entries(dev.services)) {
    byName.set(name.toLowerCase(), name);
    if (s.containerName) byName.set(s.containerName.value.toLowerCase(), name);
  }
  return (host, port) => {
    const service = byName.get(host.toLowerCase());
    return service === undefined ? null : { service, port };
  };
}

/**
 * A production host: a Service by any of its DNS forms, its port forwarded to the container
 * port; a service of a production without Services (Compose) by its name. Named by the dev
 * service it is paired with.
 */
export function prodResolver(prod: EnvironmentModel, matches: readonly ServiceMatch[]): Resolve {
  const devOf = new Map<string, string>();
  for (const m of matches) if (m.dev && m.prod && !devOf.has(m.prod)) devOf.set(m.prod, m.dev);
  // By the name a client uses: each Service's ports, and the services that have no Service.
  const services = new Map<string, { dev: string; ports: PortMapping[] }[]>();
  const plain = new Map<string, string>();
  for (const [name, s] of Object.entries(prod.services)) {
    const dev = devOf.get(name);
    if (dev === undefined) continue;
    if (s.ports.every((p) => p.value.service === undefined)) plain.set(name.toLowerCase(), dev);
    for (const p of s.ports) {
      if (!p.value.service) continue;
      const key = p.value.service.name.toLowerCase();
      const list = services.get(key) ?? [];
      const entry = list.find((e) => e.dev === dev) ?? { dev, ports: [] };
      if (!list.includes(entry)) list.push(entry);
      entry.ports.push(p.value);
      services.set(key, list);
    }
  }
  return (host, port) => {
    const dns = serviceDnsName(host);
    if (!dns) return null;
    for (const { dev, ports } of services.get(dns.name) ?? []) {
      const through = ports.filter((p) => {
        const namespace = p.service?.namespace ?? null;
        return (
          dns.namespace === null || namespace === null || namespace.toLowerCase() === dns.namespace
        );
      });
      if (through.length === 0) continue;
      if (port === null) return { service: dev, port: null };
      const hit = through.find((p) => p.published === String(port));
      return hit ? { service: dev, port: hit.target } : null;
    }
    const dev = dns.namespace === null ? plain.get(dns.name) : undefined;
    return dev === undefined ? null : { service: dev, port };
  };
}

/**
 * The value with each host `resolve` resolves replaced by `replace`'s text: `whole` is the
 * host as written (with its port), `implied` the port its URL's scheme implies when none is
 * written. A URL's scheme, user info and path segments are not hosts.
 */
export function replaceHosts(
  value: string,
  resolve: Resolve,
  replace: (endpoint: Endpoint, whole: string, implied: number | null) => string,
): string {
  return value.replace(
    HOST,
    (whole: string, host: string, port: string | undefined, at: number) => {
      // A URL's scheme (`postgres://`) or user info (`user:pass@`) is no host.
      if (/^(?::\/\/|@)/.test(value.slice(at + whole.length))) return whole;
      // Nor is a path's segment (`/app` of `...:5432/app`); a URL's host follows `//`.
      if (value[at - 1] === '/' && value[at - 2] !== '/') return whole;
      const scheme = SCHEME.exec(value.slice(0, at))?.[1]?.toLowerCase();
      const implied = port === undefined && scheme ? (DEFAULT_PORTS[scheme] ?? null) : null;
      const endpoint = resolve(host, port === undefined ? implied : Number(port));
      return endpoint ? replace(endpoint, whole, implied) : whole;
    },
  );
}

// The value with every host it resolves replaced by its endpoint; null when it resolves none.
// `shown`: each host as written, with the port its scheme implies when none is written.
function rewrite(
  value: string,
  resolve: Resolve,
): { text: string; hosts: string[]; shown: string[] } | null {
  const hosts: string[] = [];
  const shown: string[] = [];
  const text = replaceHosts(value, resolve, (endpoint, whole, implied) => {
    hosts.push(whole);
    shown.push(implied === null ? whole : `${whole} (port ${implied})`);
    return `\u0000${endpoint.service}:${endpoint.port ?? ''}\u0000`;
  });
  return hosts.length > 0 ? { text, hosts, shown } : null;
}

/**
 * Whether two values name the same endpoints: each host they name resolved on its own side
 * (Compose: service name, container port; Kubernetes: a Service by any DNS form, its port
 * forwarded to the container port) to the dev service it is paired with and that container
 * port, the rest of the text the same. Null when they do not, or name no service.
 */
export function endpointMatcher(
  dev: EnvironmentModel,
  prod: EnvironmentModel,
  matches: readonly ServiceMatch[],
): (devValue: string, prodValue: string) => SameEndpoints | null {
  const onDev = devResolver(dev);
  const onProd = prodResolver(prod, matches);
  return (devValue, prodValue) => {
    const d = rewrite(devValue, onDev);
    const p = rewrite(prodValue, onProd);
    if (!d || !p || d.text !== p.text) return null;
    // Only the DNS form differs when each production host, shortened to its Service name,
    // gives the dev text back.
    const shortened = prodValue.replace(HOST, (whole: string, host: string, port?: string) => {
      const dns = serviceDnsName(host);
      return dns && p.hosts.includes(whole) ? `${dns.name}${port ? `:${port}` : ''}` : whole;
    });
    if (shortened === devValue) {
      return { kind: 'qualified', reason: 'the same service, named with its namespace' };
    }
    return {
      kind: 'remapped',
      reason: `the same endpoint: ${d.shown.join(', ')} on the laptop and ${p.shown.join(', ')} in production reach the same service and container port`,
    };
  };
}

/**
 * Env values that differ in text but name the same endpoints: equivalent when only the DNS
 * form differs (dropped, counted), expected otherwise (a Service port, a renamed service).
 */
export function resolveDiscovery(
  findings: readonly RawFinding[],
  same: (devValue: string, prodValue: string) => SameEndpoints | null,
  onEquivalent: (path: string) => void,
): RawFinding[] {
  return findings.flatMap((f) => {
    if (f.category !== 'env' || f.kind !== 'changed' || f.secret) return [f];
    if (f.dev.value === null || f.prod.value === null || f.expected !== undefined) return [f];
    const verdict = same(f.dev.value, f.prod.value);
    if (!verdict) return [f];
    if (verdict.kind === 'qualified') {
      onEquivalent(f.path);
      return [];
    }
    return [{ ...f, expected: verdict.reason }];
  });
}
