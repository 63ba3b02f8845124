import { isDeepStrictEqual } from 'node:util';
import type { Difference } from './compare';

/**
 * One expected difference between Parity and docker-compose 1.29: a Parity bug not fixed yet,
 * or a place where docker-compose 1.29 differs from Compose v2, which Parity follows.
 */
export interface KnownDifference {
  kind: 'bug' | 'compose-v1';
  /** One line: why the values differ (for a bug: what Parity does not do yet). */
  reason: string;
  /** The projects it shows in; '*' only for compose-v1 entries that hold everywhere. */
  projects: readonly string[] | '*';
  /** `service#number` (or `(up)`); omitted for every container of those projects. */
  containers?: readonly string[];
  /** The field; a trailing `*` matches every field starting with what comes before. */
  field: string;
  /** The values, when they are the same wherever the entry applies. */
  parity?: unknown;
  compose?: unknown;
  /** When the values vary: what they must satisfy. */
  when?: (difference: Difference) => boolean;
}

/** The differences of one run, each with the entry that explains it, if any. */
export interface Classified {
  expected: { difference: Difference; entry: KnownDifference }[];
  unexpected: Difference[];
  /** Bug (or project-scoped) entries that explain nothing in a project that ran: fixed. */
  stale: { entry: KnownDifference; project: string }[];
}

/** Whether the entry explains the difference. */
export function explains(entry: KnownDifference, d: Difference): boolean {
  if (entry.projects !== '*' && !entry.projects.includes(d.project)) return false;
  if (entry.containers && !entry.containers.includes(d.container)) return false;
  const field = entry.field.endsWith('*')
    ? d.field.startsWith(entry.field.slice(0, -1))
    : d.field === entry.field;
  if (!field) return false;
  if ('parity' in entry && !isDeepStrictEqual(entry.parity, d.parity)) return false;
  if ('compose' in entry && !isDeepStrictEqual(entry.compose, d.compose)) return false;
  return entry.when ? entry.when(d) : true;
}

/**
 * Sorts the differences of the projects that ran into explained and not, and finds the entries
 * that no longer explain anything in a project they name: those bugs are fixed.
 */
export function classify(
  differences: readonly Difference[],
  known: readonly KnownDifference[],
  projectsRun: readonly string[],
): Classified {
  const used = new Map<KnownDifference, Set<string>>();
  const result: Classified = { expected: [], unexpected: [], stale: [] };
  for (const difference of differences) {
    const entry = known.find((candidate) => explains(candidate, difference));
    if (!entry) {
      result.unexpected.push(difference);
      continue;
    }
    result.expected.push({ difference, entry });
    const projects = used.get(entry) ?? new Set<string>();
    used.set(entry, projects.add(difference.project));
  }
  for (const entry of known) {
    if (entry.projects === '*') continue;
    for (const project of entry.projects) {
      if (projectsRun.includes(project) && !used.get(entry)?.has(project)) {
        result.stale.push({ entry, project });
      }
    }
  }
  return result;
}
