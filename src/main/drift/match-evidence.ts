import type { EnvironmentModel } from '../../shared/model';
import {
  evidenceCandidates,
  gatherEvidence,
  type Evidence,
  type EvidenceContext,
} from './service-evidence';
import { featuresOf } from './service-features';

/** A pair made by evidence, with the evidence in words. */
export interface EvidencePair {
  dev: string;
  prod: string;
  evidence: string;
}

/** For a service left unpaired: the candidate that came closest, and why it was not taken. */
export interface Closest {
  name: string;
  evidence: string;
  notTaken: string;
}

/** What pairing by evidence made, and what came closest for those it left. */
export interface EvidenceResult {
  pairs: EvidencePair[];
  closestForDev: Map<string, Closest>;
  closestForProd: Map<string, Closest>;
}

// A pair needs this score, from at least two independent kinds of evidence, and must be ahead
// of every other candidate of either service by the margin: a near tie is no evidence.
const MIN_SCORE = 3;
const MIN_KINDS = 2;
const MARGIN = 1;

const NO_EVIDENCE: Evidence = { score: 0, kinds: 0, words: [] };

const round = (n: number): string => String(Math.round(n * 10) / 10);
const words = (e: Evidence): string => `${e.words.join('; ')} (score ${round(e.score)})`;

/**
 * Pairs the services names and the map left, by a score over independent evidence; a pair is
 * made only when it is the clear best of both its services. Rounds repeat while they pair,
 * since each pair is a new place in the graph for its neighbours.
 */
export function pairByEvidence(
  dev: EnvironmentModel,
  prod: EnvironmentModel,
  devLeft: readonly string[],
  prodLeft: readonly string[],
  paired: readonly { dev: string; prod: string }[],
): EvidenceResult {
  const result: EvidenceResult = { pairs: [], closestForDev: new Map(), closestForProd: new Map() };
  if (devLeft.length === 0 || prodLeft.length === 0) return result;
  const devFeatures = featuresOf(dev, devLeft);
  const prodOf = new Map(paired.map((pair) => [pair.dev, pair.prod]));
  // Per round: which paired dev services use each leftover one (depend on it, name it).
  const usedByOf = (): Map<string, string[]> => {
    const usedBy = new Map<string, string[]>();
    for (const user of prodOf.keys()) {
      for (const used of devFeatures(user)?.links ?? []) {
        usedBy.set(used, [...(usedBy.get(used) ?? []), user]);
      }
    }
    return usedBy;
  };
  let usedBy = usedByOf();
  const ctx: EvidenceContext = {
    dev: devFeatures,
    prod: featuresOf(prod, prodLeft),
    prodOf,
    usedBy: (d) => usedBy.get(d) ?? [],
  };
  let devs = [...devLeft];
  let prods = [...prodLeft];
  for (;;) {
    // Only the pairs that share something are scored; the rest score nothing, as they would.
    const candidates = evidenceCandidates(prods, ctx);
    const grid: Grid = {
      devs,
      prods,
      scores: devs.map((d) => {
        const some = candidates(d);
        return prods.map((p) => (some.has(p) ? gatherEvidence(d, p, ctx) : NO_EVIDENCE));
      }),
    };
    const made: EvidencePair[] = [];
    devs.forEach((d, i) => {
      const j = best(grid.scores[i] ?? []);
      const e = grid.scores[i]?.[j];
      const p = prods[j];
      if (!e || p === undefined || verdict(grid, i, j) !== null) return;
      made.push({ dev: d, prod: p, evidence: words(e) });
    });
    if (made.length === 0) {
      recordClosest(grid, result);
      return result;
    }
    result.pairs.push(...made);
    for (const m of made) prodOf.set(m.dev, m.prod);
    usedBy = usedByOf();
    devs = devs.filter((d) => !made.some((m) => m.dev === d));
    prods = prods.filter((p) => !made.some((m) => m.prod === p));
    if (devs.length === 0 || prods.length === 0) return result;
  }
}

// The index of the highest score (the first on a tie).
function best(scores: readonly (Evidence | undefined)[]): number {
  let at = 0;
  scores.forEach((e, i) => {
    if ((e?.score ?? -Infinity) > (scores[at]?.score ?? -Infinity)) at = i;
  });
  return at;
}

/**
 * Why the candidate at `j` of row `i` is not taken (null: it is): another candidate of the same
 * service about as close, the candidate about as close to another service, or too little
 * evidence.
 */
function verdict(grid: Grid, i: number, j: number): string | null {
  const e = grid.scores[i]?.[j];
  if (!e) return 'no evidence';
  const rival = (cells: { name: string; e: Evidence | undefined }[]): string | null => {
    const close = cells.filter((c) => c.e && e.score - c.e.score < MARGIN);
    return close.length === 0
      ? null
      : close.map((c) => `${c.name} (score ${round(c.e?.score ?? 0)})`).join(', ');
  };
  const row = rival(
    grid.prods.flatMap((name, k) => (k === j ? [] : [{ name, e: grid.scores[i]?.[k] }])),
  );
  if (row) return `not clearly ahead of ${row}`;
  const column = rival(
    grid.devs.flatMap((name, k) => (k === i ? [] : [{ name, e: grid.scores[k]?.[j] }])),
  );
  if (column) return `as close to ${column}`;
  if (e.score < MIN_SCORE || e.kinds < MIN_KINDS)
    return `too little evidence: score ${round(e.score)} from ${e.kinds} kind(s), a pair needs ${MIN_SCORE} from ${MIN_KINDS}`;
  return null;
}

/** Every leftover dev service (rows) scored against every leftover production one (columns). */
interface Grid {
  devs: readonly string[];
  prods: readonly string[];
  scores: readonly (readonly Evidence[])[];
}

function recordClosest(grid: Grid, result: EvidenceResult): void {
  grid.devs.forEach((d, i) => {
    const j = best(grid.scores[i] ?? []);
    const e = grid.scores[i]?.[j];
    const p = grid.prods[j];
    if (!e || p === undefined || e.score <= 0) return;
    const why = verdict(grid, i, j) ?? 'not taken';
    result.closestForDev.set(d, { name: p, evidence: words(e), notTaken: why });
  });
  grid.prods.forEach((p, j) => {
    const i = best(grid.scores.map((r) => r[j]));
    const e = grid.scores[i]?.[j];
    const d = grid.devs[i];
    if (!e || d === undefined || e.score <= 0) return;
    const why = verdict(grid, i, j) ?? 'not taken';
    result.closestForProd.set(p, { name: d, evidence: words(e), notTaken: why });
  });
}
