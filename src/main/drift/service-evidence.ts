import { familyOf } from './image-families';
import type { Features } from './service-features';

/** What one dev and one production service have in common, scored. */
export interface Evidence {
  /** The sum of the weights of what was found; negative evidence subtracts. */
  score: number;
  /** How many independent kinds of positive evidence were found. */
  kinds: number;
  /** Each piece of evidence, in words. */
  words: string[];
}

/** Both sides' features, and the pairs made so far, for evidence of place in the graph. */
export interface EvidenceContext {
  dev: (service: string) => Features | undefined;
  prod: (service: string) => Features | undefined;
  /** The production partner of each paired dev service. */
  prodOf: ReadonlyMap<string, string>;
  /** The paired dev services that depend on or name a dev service, by it. */
  usedBy: (dev: string) => readonly string[];
}

type Add = (weight: number, words: string) => void;

const shared = <T>(a: ReadonlySet<T>, b: ReadonlySet<T>): T[] => [...a].filter((x) => b.has(x));
const jaccard = (common: number, a: number, b: number): number =>
  a + b - common === 0 ? 0 : common / (a + b - common);

/**
 * Scores a dev and a production service on independent evidence: name words, image family,
 * env keys, listening ports, data mount paths and their place in the graph of paired services.
 */
export function gatherEvidence(devName: string, prodName: string, ctx: EvidenceContext): Evidence {
  const d = ctx.dev(devName);
  const p = ctx.prod(prodName);
  const evidence: Evidence = { score: 0, kinds: 0, words: [] };
  if (!d || !p) return evidence;
  const add: Add = (weight, words) => {
    evidence.score += weight;
    if (weight > 0) evidence.kinds += 1;
    evidence.words.push(words);
  };
  const words = shared(d.tokens, p.tokens);
  if (words.length > 0)
    add((4 * words.length) / (d.tokens.size + p.tokens.size), `names share ${words.join(', ')}`);
  imageEvidence(d, p, add);
  envEvidence(d, p, add);
  const ports = shared(d.ports, p.ports);
  if (ports.length > 0)
    add(jaccard(ports.length, d.ports.size, p.ports.size), `both listen on ${ports.join(', ')}`);
  const mounts = shared(d.mounts, p.mounts);
  if (mounts.length > 0) add(1.5, `both mount data at ${mounts.join(', ')}`);
  const neighbours = [
    ...ctx.usedBy(devName).flatMap((user) => {
      const partner = ctx.prodOf.get(user);
      return partner !== undefined && ctx.prod(partner)?.links.has(prodName)
        ? [`${user} uses it on both sides`]
        : [];
    }),
    ...[...d.links].flatMap((used) => {
      const partner = ctx.prodOf.get(used);
      return partner !== undefined && p.links.has(partner) ? [`it uses ${used} on both sides`] : [];
    }),
  ];
  if (neighbours.length > 0)
    add(
      Math.min(3, 1.5 + 0.5 * neighbours.length),
      `same place in the graph: ${neighbours.join(', ')}`,
    );
  return evidence;
}

/**
 * The production services each dev service may have evidence with: those sharing a name word,
 * an image repository or family, an env key or prefix, a port, a mount, or a neighbour in the
 * graph; every other pair scores nothing (gatherEvidence adds nothing for it). Read from
 * indexes, so a round costs the pairs that share something, not every leftover pair. Keep in
 * step with gatherEvidence: a trigger of `add` there is a way in here.
 */
export function evidenceCandidates(
  prods: readonly string[],
  ctx: EvidenceContext,
): (dev: string) => ReadonlySet<string> {
  const index = new Map<string, string[]>();
  const put = (key: string, prod: string): void => {
    const list = index.get(key);
    if (list) list.push(prod);
    else index.set(key, [prod]);
  };
  const current = new Set(prods);
  for (const prod of prods) {
    const p = ctx.prod(prod);
    if (!p) continue;
    for (const field of FIELDS) for (const v of p[field]) put(`${field}\0${v}`, prod);
    if (p.image) {
      put(`image\0${p.image.repository}`, prod);
      if (familyOf(p.image.repository)) put('family', prod);
    }
    for (const used of p.links) put(`linked\0${used}`, prod);
  }
  return (dev) => {
    const found = new Set<string>();
    const d = ctx.dev(dev);
    if (!d) return found;
    const take = (key: string): void => {
      for (const prod of index.get(key) ?? []) found.add(prod);
    };
    for (const field of FIELDS) for (const v of d[field]) take(`${field}\0${v}`);
    if (d.image) {
      take(`image\0${d.image.repository}`);
      if (familyOf(d.image.repository)) take('family');
    }
    for (const user of ctx.usedBy(dev)) {
      const partner = ctx.prodOf.get(user);
      const links = partner === undefined ? undefined : ctx.prod(partner)?.links;
      for (const prod of links ?? []) if (current.has(prod)) found.add(prod);
    }
    for (const used of d.links) {
      const partner = ctx.prodOf.get(used);
      if (partner !== undefined) take(`linked\0${partner}`);
    }
    return found;
  };
}

const FIELDS = ['tokens', 'envKeys', 'envPrefixes', 'ports', 'mounts'] as const;

function imageEvidence(d: Features, p: Features, add: Add): void {
  if (!d.image || !p.image) return;
  if (d.image.repository === p.image.repository) return add(3, `same image ${d.image.repository}`);
  const df = familyOf(d.image.repository);
  const pf = familyOf(p.image.repository);
  if (!df || !pf) return;
  const images = `${d.image.raw}, ${p.image.raw}`;
  if (df === pf) return add(2.5, `drop-in equivalent images (${images}: ${df.family})`);
  if (df.kind !== pf.kind)
    return add(
      -2,
      `different kinds of image (${df.kind} ${d.image.raw}, ${pf.kind} ${p.image.raw})`,
    );
  // The same kind on another engine: no evidence either way, but worth saying.
  add(0, `both ${df.kind}s, on different engines (${df.family}, ${pf.family})`);
}

function envEvidence(d: Features, p: Features, add: Add): void {
  const keys = shared(d.envKeys, p.envKeys);
  const prefixes = shared(d.envPrefixes, p.envPrefixes);
  const byKeys = jaccard(keys.length, d.envKeys.size, p.envKeys.size);
  const byPrefix = jaccard(prefixes.length, d.envPrefixes.size, p.envPrefixes.size);
  if (byKeys === 0 && byPrefix === 0) return;
  if (byKeys >= byPrefix) add(1.5 * byKeys, `env keys ${keys.slice(0, 4).join(', ')} on both`);
  else add(1.5 * byPrefix, `env keys ${prefixes.map((x) => `${x}_*`).join(', ')} on both`);
}
