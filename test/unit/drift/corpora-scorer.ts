import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Finding } from '../../../src/shared/drift';
import { CORPORA } from '../../support/corpora';

// Scores drift findings against the hand-made ground truth of the real-world corpora
// (../shared/corpora/<corpus>/expectations.yaml beside the repository; its header holds the
// matching rules). Shared by the in-process test and the CLI test, so both score alike.

/** The corpora folder (test/support/corpora.ts: PARITY_CORPORA, else ../shared/corpora). */
export { CORPORA };

/** The corpora that have an expectations.yaml, by folder name; none when the folder is absent. */
export function scoredCorpora(): string[] {
  if (!existsSync(CORPORA)) return [];
  return readdirSync(CORPORA)
    .filter((name) => existsSync(join(CORPORA, name, 'expectations.yaml')))
    .sort();
}

type OneOrMany = string | string[];

/** One item of expectations.yaml: a finding, an expected item or a trap. */
export interface Item {
  id: string;
  service: OneOrMany;
  category: OneOrMany;
  key?: OneOrMany;
  kind?: OneOrMany;
  accept_status?: Finding['status'][];
}

/** A corpus's expectations.yaml. */
export interface Expectations {
  dev: { compose: string[] };
  prod: { kubernetes: string[] };
  aliases?: Record<string, string[]> | null;
  findings: Item[];
  expected: Item[];
  traps: Item[];
}

/** Reads a corpus's expectations.yaml. */
export function readExpectations(corpus: string): Expectations {
  return parse(readFileSync(join(CORPORA, corpus, 'expectations.yaml'), 'utf8')) as Expectations;
}

const list = (value: OneOrMany | undefined): string[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

/** A key of only A-Z, 0-9, _ is a whole token of the path; any other a case-insensitive substring. */
export function keyMatches(key: string, path: string): boolean {
  if (/^[A-Z0-9_]+$/.test(key)) return path.split(/[^A-Za-z0-9_]+/).includes(key);
  return path.toLowerCase().includes(key.toLowerCase());
}

interface Criteria {
  service: string;
  category: string;
  key?: string;
  kinds?: string[];
}

function matches(f: Finding, c: Criteria): boolean {
  return (
    (c.service === '*' || f.service === c.service) &&
    f.category === c.category &&
    (c.key === undefined || keyMatches(c.key, f.path)) &&
    (c.kinds === undefined || c.kinds.includes(f.kind))
  );
}

// Every combination of the listed values: under findings all must match, elsewhere any.
function combinations(item: Item): Criteria[] {
  const keys = list(item.key) ?? [undefined];
  return (list(item.service) ?? []).flatMap((service) =>
    (list(item.category) ?? []).flatMap((category) =>
      keys.map((key) => ({ service, category, ...(key === undefined ? {} : { key }) })),
    ),
  );
}

/** A required finding: every service/category/key combination reported with an accepted status. */
export function isFound(item: Item, findings: readonly Finding[]): boolean {
  const statuses = item.accept_status ?? ['drift'];
  return combinations(item).every((c) =>
    findings.some((f) => matches(f, c) && statuses.includes(f.status)),
  );
}

/** The drift findings that an expected item or a trap (kind narrowing it) covers. */
export function reportedAsDrift(item: Item, findings: readonly Finding[]): Finding[] {
  const kinds = list(item.kind);
  return findings.filter(
    (f) =>
      f.status === 'drift' &&
      combinations(item).some((c) => matches(f, { ...c, ...(kinds ? { kinds } : {}) })),
  );
}

/** How a detector's findings fare against a corpus's expectations. */
export interface Score {
  found: string[];
  missed: string[];
  trapsHit: string[];
  expectedAsDrift: string[];
}

/** Scores findings against expectations. */
export function scoreFindings(exp: Expectations, findings: readonly Finding[]): Score {
  const found = exp.findings.filter((item) => isFound(item, findings)).map((item) => item.id);
  return {
    found,
    missed: exp.findings.map((item) => item.id).filter((id) => !found.includes(id)),
    trapsHit: exp.traps
      .filter((item) => reportedAsDrift(item, findings).length > 0)
      .map((item) => item.id),
    expectedAsDrift: exp.expected
      .filter((item) => reportedAsDrift(item, findings).length > 0)
      .map((item) => item.id),
  };
}

/** One line a person reads: found/total, traps hit, expected items shown as drift. */
export function describeScore(label: string, exp: Expectations, score: Score): string {
  const names = (ids: string[]): string => ids.join(', ') || 'none';
  return (
    `${label}: found ${score.found.length}/${exp.findings.length} findings` +
    ` (missed: ${names(score.missed)}); ${score.trapsHit.length} traps hit` +
    ` (${names(score.trapsHit)}); expected items shown as drift: ${names(score.expectedAsDrift)}`
  );
}
