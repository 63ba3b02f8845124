import type { EnvironmentModel } from '../../shared/model';
import { replaceHosts, type Resolve } from '../drift/discovery';

/** How production's hosts translate to the laptop's: the drift's resolver over the pairing. */
export interface HostMap {
  /** A production host (any Service DNS form) and port to the laptop service and container port. */
  resolve: Resolve;
  dev: EnvironmentModel;
}

/** A production value as the laptop should see it, and the hosts it names outside the stack. */
export interface Rewritten {
  value: string;
  /** Hosts that are none of production's services: a laptop must not be pointed at them. */
  outside: string[];
}

// A host a value points at: after a scheme's `//` or credentials' `@` (a URL), or a whole value
// `host:port`. Only these count as outside hosts: a bare word (`on`, `info`) is not one.
const URL_HOST = /(?:\/\/|@)([A-Za-z0-9][\w.-]*?)(?::\d{1,5})?(?=$|[/,\s?#])/g;
const HOST_PORT = /^([A-Za-z0-9][\w.-]*):\d{1,5}$/;
const LOCAL = new Set(['localhost', '127.0.0.1', '0.0.0.0']);

/**
 * A production value with each production service it names replaced by the laptop's service
 * paired with it, and a port reached through a Service replaced by the port the container
 * listens on (`http://catalog.shop.svc` becomes `http://catalog:8080`), by the resolver drift
 * uses (discovery.ts). Other hosts are left as written, and listed when the laptop's stack has
 * no such service.
 */
export function rewriteHosts(value: string, hosts: HostMap): Rewritten {
  const rewritten = replaceHosts(value, hosts.resolve, ({ service, port }, _whole, implied) =>
    port === null || port === implied ? service : `${service}:${port}`,
  );
  const named = [...value.matchAll(URL_HOST)].map((m) => m[1] ?? '');
  const whole = HOST_PORT.exec(value)?.[1];
  if (whole !== undefined) named.push(whole);
  const outside = named.filter(
    (host) =>
      !LOCAL.has(host.toLowerCase()) &&
      !(host in hosts.dev.services) &&
      hosts.resolve(host, null) === null,
  );
  return { value: rewritten, outside };
}
