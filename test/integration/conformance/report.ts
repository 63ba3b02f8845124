import type { Classified, KnownDifference } from './classify';
import { show, type Difference } from './compare';
import type { ProjectOutcome } from './run-project';

/**
 * The report: per project, per container, per field, Parity's value against docker-compose's;
 * with `full` the explained differences too, else only the new ones and the stale entries.
 */
export function formatReport(
  outcomes: readonly ProjectOutcome[],
  classified: Classified,
  full: boolean,
): string {
  const lines: string[] = ['Runtime conformance: Parity vs docker-compose 1.29'];
  const reasons = new Map<Difference, KnownDifference>();
  for (const { difference, entry } of classified.expected) reasons.set(difference, entry);
  for (const outcome of outcomes) {
    const head = `== ${outcome.project} (${outcome.seconds} s)`;
    if (outcome.skipped) {
      lines.push(`${head} SKIPPED: ${outcome.skipped}`);
      continue;
    }
    const rows = outcome.differences.filter((d) => full || !reasons.has(d));
    const fresh = outcome.differences.filter((d) => !reasons.has(d)).length;
    const known = outcome.differences.length - fresh;
    const started = (tool: 'parity' | 'compose'): string =>
      outcome.containers[tool].sort().join(' ');
    lines.push(`${head} ${known} known, ${fresh} new differences`);
    lines.push(
      `  containers: parity [${started('parity')}], docker-compose [${started('compose')}]`,
    );
    let container = '';
    for (const d of rows) {
      if (d.container !== container) lines.push(`  ${(container = d.container)}`);
      const entry = reasons.get(d);
      const tag = entry ? `[${entry.kind}: ${entry.reason}]` : '[NEW]';
      lines.push(`    ${d.field}`, `      parity:         ${show(d.parity)}`);
      lines.push(`      docker-compose: ${show(d.compose)}`, `      ${tag}`);
    }
  }
  for (const { entry, project } of classified.stale) {
    const where = `${entry.field}, ${project}`;
    lines.push(`STALE: "${entry.reason}" (${where}) no longer shows: remove ${project} from it`);
  }
  if (classified.unexpected.length > 0) {
    lines.push(
      'New differences as known-differences.ts entries (fix the bug, or add them with a reason):',
    );
    lines.push(...suggestions(classified.unexpected));
  }
  return lines.join('\n');
}

/** One ready entry per field and pair of values, naming every project and container it shows in. */
function suggestions(differences: readonly Difference[]): string[] {
  const groups = new Map<string, Difference[]>();
  for (const d of differences) {
    const key = JSON.stringify([d.field, d.parity, d.compose]);
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()].map((group) => {
    const [first] = group as [Difference];
    const projects = [...new Set(group.map((d) => d.project))].sort();
    const containers = [...new Set(group.map((d) => d.container))].sort();
    const fields = { projects, containers, field: first.field, parity: first.parity };
    return `  ${JSON.stringify({ kind: 'bug', reason: 'TODO', ...fields, compose: first.compose })},`;
  });
}
