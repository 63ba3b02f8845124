import type { EnvironmentModel } from '../../shared/model';

/** How production's service names translate to the laptop's: the pairing of the drift. */
export interface HostMap {
  /** Production service name (lower case) to the laptop's service that runs it. */
  devOf: ReadonlyMap<string, string>;
  dev: EnvironmentModel;
  prod: EnvironmentModel;
}

/** A production value as the laptop should see it, and the hosts it names outside the stack. */
export interface Rewritten {
  value: string;
  /** Hosts that are none of production's services: a laptop must not be pointed at them. */
  outside: string[];
}

// A host as a value names it: after a scheme's `//` or credentials' `@` (a URL), or a whole
// value `host:port`; then an optional port. Kubernetes writes a service as `svc`, `svc.ns`,
// `svc.ns.svc` or `svc.ns.svc.cluster.local`.
const URL_HOST = /(\/\/|@)([A-Za-z0-9][\w-]*)((?:\.[\w-]+)*)(?::(\d{1,5}))?(?=$|[/,\s?#])/g;
const HOST_PORT = /^([A-Za-z0-9][\w-]*)((?:\.[\w-]+)*):(\d{1,5})$/;
const CLUSTER_SUFFIX = /^(?:\.[\w-]+(?:\.svc(?:\.cluster\.local)?)?)?$/;
const SCHEME_PORT: Record<string, string> = { http: '80', https: '443', ws: '80', wss: '443' };
const LOCAL = new Set(['localhost', '127.0.0.1', '0.0.0.0']);

/**
 * A production value with each production service it names as a host replaced by the
 * laptop's service paired with it, and a port production reaches through a Service replaced
 * by the port the container listens on (`http://catalog.shop.svc` becomes
 * `http://catalog:8080`). Other hosts are left as written, and listed when the laptop's stack has no such service.
 */
export function rewriteHosts(value: string, hosts: HostMap): Rewritten {
  const outside: string[] = [];
  const host = (name: string, rest: string, port: string | undefined, implicit?: string) => {
    const dev = CLUSTER_SUFFIX.test(rest) ? hosts.devOf.get(name.toLowerCase()) : undefined;
    if (dev === undefined) {
      // A service of the laptop's own stack, or the container itself, is inside.
      const inside = (rest === '' && name in hosts.dev.services) || LOCAL.has(`${name}${rest}`);
      if (!inside) outside.push(`${name}${rest}`);
      return null;
    }
    const asked = port ?? implicit;
    const listening = asked === undefined ? undefined : containerPort(hosts, name, asked);
    const keep = listening === undefined || (port === undefined && listening === implicit);
    return `${dev}${keep ? '' : `:${listening}`}`;
  };
  const whole = HOST_PORT.exec(value);
  if (whole) {
    const [, name = '', rest = '', port] = whole;
    return { value: host(name, rest, port) ?? value, outside };
  }
  const rewritten = value.replace(
    URL_HOST,
    (match, lead: string, name: string, rest: string, port: string | undefined, at: number) => {
      const scheme = lead === '//' ? /([a-z][\w+.-]*):$/i.exec(value.slice(0, at))?.[1] : undefined;
      const replaced = host(name, rest, port, SCHEME_PORT[scheme?.toLowerCase() ?? '']);
      return replaced === null ? match : `${lead}${replaced}`;
    },
  );
  return { value: rewritten, outside };
}

// The port the laptop's service listens on for a port production's clients use: a Service
// port of production maps to its target, the port its container listens on, as the laptop's
// does; any other port is the container's own already.
function containerPort(hosts: HostMap, prodName: string, port: string): string {
  const prod = Object.entries(hosts.prod.services).find(
    ([name]) => name.toLowerCase() === prodName.toLowerCase(),
  )?.[1];
  const target = prod?.ports.find((p) => p.value.published === port)?.value.target;
  return target === undefined ? port : String(target);
}
