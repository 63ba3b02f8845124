import type { Finding, ServiceMatch } from '../../shared/drift';
import type { EnvironmentModel } from '../../shared/model';
import { serviceNamesOf } from './discovery';
import { findingId } from './finding-id';
import { changedTo, portChanges, portVariableLinks, servicePortRoots } from './port-roots';
import {
  hostPortTest,
  hostTest,
  versionPattern,
  versionTest,
  wordTest,
  type Root,
} from './root-text';

export { findingId };

/** The id a symptom names when its cause is parity.yaml's `map:` renaming a service. */
export function mapRootId(devService: string): string {
  return `${devService}.map`;
}

/**
 * Links symptoms to their root cause: an environment value that differs only because of
 * another difference the report already has.
 * - a service's container port changed (a `ports` finding on each side) explains values that
 *   name that service at the old port on the dev side and at the new one on the prod side
 *   (`http://api:8081` against `http://api.prod.svc:8082`);
 * - a service renamed by parity.yaml's `map:` explains values naming its dev name on the dev
 *   side and its production name on the prod side;
 * - an image tag (version) or a different image (engine) explains values naming the old
 *   version or engine on the dev side and the new one on the prod side;
 * - a Service forwarding another port to the container port (the `.service` layer) explains
 *   values naming the container port on the dev side and the Service port on the prod side;
 * - a listening port on one side only explains a `*_PORT` variable set to it.
 * Besides that last, only changed, non-secret environment values are candidates: a secret's
 * value is never looked at (it is "differs" here anyway). A service is named by its dev
 * name, its production name and its production Services' names (with `prod`). A linked
 * symptom gets `id`, `causedBy` (the root's id) and `cause`; its root gets `id`. Nothing else
 * changes: severity and status stay.
 */
export function linkRootCauses(
  findings: readonly Finding[],
  matches: readonly ServiceMatch[] = [],
  prod?: EnvironmentModel,
): Finding[] {
  const prodOf = prodNames(matches);
  const names = new Map<string, string[]>();
  const namesOf = (service: string): string[] => {
    const known = names.get(service);
    if (known) return known;
    const prodName = prodOf(service);
    const services = prodName === null ? [] : serviceNamesOf(prod?.services[prodName]);
    const all = [...new Set([service, ...(prodName === null ? [] : [prodName]), ...services])];
    names.set(service, all);
    return all;
  };
  const roots: Root[] = [];
  const paired = new Map<string, string>();
  for (const [service, ports] of portChanges(findings)) {
    const { old, now } = ports;
    if (old.length === 0 || now.length === 0) continue;
    const finding = old[0]!.finding;
    const id = findingId(finding);
    // One port for another: the two findings are one change.
    const to = changedTo(findings, service, ports);
    if (to) paired.set(findingId(to.finding), id);
    const hosts = namesOf(service);
    const oldPorts = old.map((p) => ({ port: p.port, test: hostPortTest(hosts, p.port) }));
    const newPorts = now.map((p) => ({ port: p.port, test: hostPortTest(hosts, p.port) }));
    roots.push({
      id,
      finding,
      names: hosts.map((h) => h.toLowerCase()),
      explains: (dev, prod) => {
        const before = oldPorts.find((p) => p.test(dev))?.port;
        const after = newPorts.find((p) => p.test(prod))?.port;
        if (before === undefined || after === undefined) return null;
        return `names ${service}:${before}, which listens on ${after} in production`;
      },
    });
  }
  for (const match of matches) {
    if (match.by !== 'map' || !match.dev || !match.prod || match.dev === match.prod) continue;
    const { dev: devName, prod: prodName } = match;
    const namesDev = hostTest(devName);
    const namesProd = hostTest(prodName);
    roots.push({
      id: mapRootId(devName),
      explains: (dev, prod) =>
        namesDev(dev) && namesProd(prod) && !namesDev(prod)
          ? `names ${devName}, which parity.yaml's map calls ${prodName} in production`
          : null,
    });
  }
  // A version root explains only values holding its version: the text they must include.
  const needles = new Map<Root, string>();
  for (const finding of findings) {
    const made = imageRoot(finding, namesOf(finding.service));
    if (!made) continue;
    roots.push(made.root);
    if (made.needle !== undefined) needles.set(made.root, made.needle);
  }
  roots.push(...servicePortRoots(findings, namesOf, prodOf, prod));

  const causes = portVariableLinks(findings);
  for (const [id, causedBy] of paired) {
    causes.set(id, { causedBy, cause: 'the other side of the same port change' });
  }
  const rootIds = new Set(roots.map((r) => r.id));
  // Roots by the names a value must contain, or the text (a version) it must include: a value
  // is asked of the roots of the words and versions it holds (and of those with neither), in
  // their order, not of every root. Both kinds grow with the project, and so do the values.
  const byName = new Map<string, number[]>();
  const byNeedle = new Map<string, number[]>();
  const always: number[] = [];
  roots.forEach((root, i) => {
    const needle = needles.get(root);
    if (needle !== undefined) byNeedle.set(needle, [...(byNeedle.get(needle) ?? []), i]);
    else if (!root.names) always.push(i);
    for (const name of root.names ?? []) byName.set(name, [...(byName.get(name) ?? []), i]);
  });
  const alwaysRoots = always.flatMap((i) => roots[i] ?? []);
  const candidates = (value: string): Root[] => {
    const hits = new Set<number>();
    for (const word of value.toLowerCase().split(/[^a-z0-9_-]+/))
      for (const i of byName.get(word) ?? []) hits.add(i);
    for (const [needle, at] of byNeedle)
      if (value.includes(needle)) for (const i of at) hits.add(i);
    if (hits.size === 0) return alwaysRoots;
    return [...hits, ...always].sort((a, b) => a - b).flatMap((i) => roots[i] ?? []);
  };
  for (const f of findings) {
    const id = findingId(f);
    if (causes.has(id) || rootIds.has(id)) continue;
    if (f.category !== 'env' || f.kind !== 'changed' || f.secret) continue;
    if (f.dev.value === null || f.prod.value === null) continue;
    for (const root of candidates(f.dev.value)) {
      const cause = root.explains(f.dev.value, f.prod.value);
      if (cause !== null) {
        causes.set(id, { causedBy: root.id, cause });
        break;
      }
    }
  }
  const linkedRoots = new Set([...causes.values()].map((c) => c.causedBy));
  return findings.map((f) => {
    const id = findingId(f);
    const link = causes.get(id);
    if (link) return { ...f, id, ...link };
    if (linkedRoots.has(id)) return { ...f, id };
    return f;
  });
}

// A service's production name: from the first match whose dev side it is, or whose prod side
// when it has no dev side; null when it has none other than its own.
function prodNames(matches: readonly ServiceMatch[]): (service: string) => string | null {
  const byName = new Map<string, ServiceMatch>();
  for (const m of matches) {
    const name = m.dev ?? m.prod;
    if (name !== null && !byName.has(name)) byName.set(name, m);
  }
  return (service) => byName.get(service)?.prod ?? null;
}

// The image's name without registry, owner, tag or digest: `postgres` of `docker.io/library/postgres:16`.
function family(raw: string): string {
  const last = raw.split('@')[0]!.split('/').at(-1) ?? raw;
  return last.split(':')[0] ?? last;
}

// An image finding's root, with the text a value it explains must include (a version), if any.
function imageRoot(
  finding: Finding,
  names: readonly string[],
): { root: Root; needle?: string } | null {
  const { dev, prod } = finding;
  if (finding.category !== 'image' || finding.kind !== 'changed') return null;
  if (dev.value === null || prod.value === null) return null;
  const id = findingId(finding);
  if (finding.path === 'image.tag') {
    const before = dev.value;
    const after = prod.value;
    const major = (tag: string): string | null => /^v?(\d+)/.exec(tag)?.[1] ?? null;
    const versions: [string, string][] = [[before, after]];
    const [mb, ma] = [major(before), major(after)];
    if (mb !== null && ma !== null && mb !== ma) versions.push([mb, ma]);
    const pairs = versions.map(([vd, vp]) => ({
      vd,
      vp,
      namesOld: versionTest(vd),
      namesNew: versionTest(vp),
      everyOld: new RegExp(versionPattern(vd), 'g'),
    }));
    const nameTests = names.map(wordTest);
    // Every version it looks for (the major one is part of the whole tag) is in the value.
    const needle = (versions.length > 1 ? mb : null) ?? before;
    const root: Root = {
      id,
      finding,
      explains: (d, p) => {
        for (const { vd, vp, namesOld, namesNew, everyOld } of pairs) {
          if (!namesOld(d) || !namesNew(p) || namesOld(p)) continue;
          // The version alone makes the difference, or the value names the service too.
          const replaced = d.replace(everyOld, vp);
          if (replaced === p || nameTests.some((names) => names(d) && names(p))) {
            return `names ${finding.service} ${vd}, which is ${vp} in production`;
          }
        }
        return null;
      },
    };
    return { root, needle };
  }
  if (finding.path === 'image' && !dev.value.startsWith('build ')) {
    const before = family(dev.value);
    const after = family(prod.value);
    if (before.toLowerCase() === after.toLowerCase()) return null;
    const namesBefore = wordTest(before);
    const namesAfter = wordTest(after);
    return {
      root: {
        id,
        finding,
        explains: (d, p) =>
          namesBefore(d) && namesAfter(p) && !namesBefore(p)
            ? `names ${before}; ${finding.service} runs ${after} in production`
            : null,
      },
    };
  }
  return null;
}
