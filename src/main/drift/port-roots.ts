import type { Finding } from '../../shared/drift';
import type { EnvironmentModel } from '../../shared/model';
import { findingId } from './finding-id';
import { hostPortOrDefaultTest, hostPortTest, type Root, type Test } from './root-text';

interface PortChange {
  port: string;
  finding: Finding;
}

// The listening layer's path, `ports.8081/tcp`: not the in-cluster or outside layers.
const LISTENING = /^ports\.(\d+)\/[a-z]+$/;
const SERVICE_LAYER = /^ports\.(\d+)\/([a-z]+)\.service$/;

/** A service's container ports only the dev side listens on (old) and only the prod side (now). */
export function portChanges(
  findings: readonly Finding[],
): Map<string, { old: PortChange[]; now: PortChange[] }> {
  const byService = new Map<string, { old: PortChange[]; now: PortChange[] }>();
  for (const f of findings) {
    if (f.category !== 'ports' || f.kind === 'changed') continue;
    const port = LISTENING.exec(f.path)?.[1];
    if (port === undefined) continue;
    const entry = byService.get(f.service) ?? { old: [], now: [] };
    (f.kind === 'only-dev' ? entry.old : entry.now).push({ port, finding: f });
    byService.set(f.service, entry);
  }
  return byService;
}

const PORT_VARIABLE = /^env\.(?:\w+_)?PORT$/i;

/**
 * The port a service's one old port became: the only new one, or among several the one a
 * `*_PORT` variable changed to from the old one (`PORT=9000` / `PORT=9001`); null when unclear.
 */
export function changedTo(
  findings: readonly Finding[],
  service: string,
  change: { old: PortChange[]; now: PortChange[] },
): PortChange | null {
  const [old] = change.old;
  if (change.old.length !== 1 || !old) return null;
  if (change.now.length === 1) return change.now[0] ?? null;
  const variable = findings.find(
    (f) =>
      f.service === service &&
      f.category === 'env' &&
      !f.secret &&
      PORT_VARIABLE.test(f.path) &&
      f.dev.value?.trim() === old.port,
  );
  return change.now.find((c) => c.port === variable?.prod.value?.trim()) ?? null;
}

/**
 * A Service forwarding another port number to the container port (80 to 8080) explains values
 * naming the service at the container port on the dev side and a name of it at the Service
 * port on the prod side (`web:8080` against `web-svc.shop:80`).
 */
export function servicePortRoots(
  findings: readonly Finding[],
  namesOf: (service: string) => string[],
  prodOf: (service: string) => string | null,
  prod: EnvironmentModel | undefined,
): Root[] {
  const roots: Root[] = [];
  for (const f of findings) {
    const m = SERVICE_LAYER.exec(f.path);
    if (f.category !== 'ports' || !m) continue;
    const [, target, protocol] = m as unknown as [string, string, string];
    const hosts = namesOf(f.service);
    // Made on first use: most roots are never asked about a value naming their service.
    let tests: { before: Test; after: { port: string; test: Test }[] } | null = null;
    const made = (): NonNullable<typeof tests> => {
      const prodName = prodOf(f.service);
      const mappings = (prodName === null ? undefined : prod?.services[prodName])?.ports ?? [];
      const published = new Set<string>();
      for (const { value: p } of mappings) {
        if (String(p.target) === target && p.protocol === protocol && p.service && p.published)
          published.add(p.published);
      }
      return {
        before: hostPortTest(hosts, target),
        after: [...published].map((port) => ({ port, test: hostPortOrDefaultTest(hosts, port) })),
      };
    };
    roots.push({
      id: findingId(f),
      finding: f,
      names: hosts.map((h) => h.toLowerCase()),
      explains: (dev, prodValue) => {
        tests ??= made();
        const port = tests.before(dev)
          ? tests.after.find((a) => a.test(prodValue))?.port
          : undefined;
        return port === undefined
          ? null
          : `names ${f.service}:${target}, which clients in the cluster reach through its Service port ${port}`;
      },
    });
  }
  return roots;
}

/**
 * A `PORT` or `*_PORT` variable set to a port one side listens on and the other does not is the
 * command's side of that listening-port difference (`PROM_PORT=8801` with container port 8801
 * only in production): its symptom, by finding id.
 */
export function portVariableLinks(
  findings: readonly Finding[],
): Map<string, { causedBy: string; cause: string }> {
  const changes = portChanges(findings);
  const links = new Map<string, { causedBy: string; cause: string }>();
  for (const f of findings) {
    if (f.category !== 'env' || f.secret || !PORT_VARIABLE.test(f.path)) continue;
    const change = changes.get(f.service);
    if (!change) continue;
    const side = (value: string | null, on: PortChange[]): PortChange | undefined =>
      value === null ? undefined : on.find((c) => c.port === value.trim());
    const dev = side(f.dev.value, change.old);
    const now = side(f.prod.value, change.now);
    const root = dev ?? now;
    if (!root) continue;
    const cause =
      dev && now
        ? `sets the port the service listens on, ${dev.port} on the laptop and ${now.port} in production`
        : dev
          ? `sets ${dev.port}, the port the laptop listens on and production does not`
          : `sets ${root.port}, the port production listens on and the laptop does not`;
    links.set(findingId(f), { causedBy: findingId(root.finding), cause });
  }
  return links;
}
