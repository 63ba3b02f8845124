import type { DriftReport, Finding, Side } from '../../shared/drift';
import {
  followText,
  groupCount,
  groupPath,
  groupValues,
  outlineFindings,
  rootName,
  severityOf,
  type OutlineItem,
} from '../../shared/drift-outline';
import type { FormatOptions } from './format';
import { MARK, TITLE, comparisonOf, groupSource, summaryLineOf } from './format-lines';

/**
 * A PR comment: a heading, the summary line, the root causes with the differences that follow
 * from each in rows marked ↳ under it, the other differences (identical ones on several
 * services or replicas as one row "×N (where)"), and the covered findings folded away.
 * Secrets show only "same"/"differs", as everywhere.
 */
export function formatMarkdown(report: DriftReport, { all }: FormatOptions): string {
  const { against, sides, from } = comparisonOf(report);
  const where = from.length > 0 ? ` (${from.map((f) => code(f)).join(', ')})` : '';
  const out: string[] = [
    `### Parity drift: ${TITLE[against]}${where}`,
    '',
    `**${summaryLineOf(report)}**`,
    '',
  ];
  const open = report.findings.filter((f) => f.status === 'drift');
  if (open.length === 0) out.push('No drift.', '');
  const { roots, rest } = outlineFindings(open);
  const mark = (item: OutlineItem): string => `${MARK[severityOf(item)]} ${severityOf(item)}`;
  const row = (f: Finding, field: string, note: string): string => {
    const rule = `${f.reason ? `${f.rule} (${f.reason})` : f.rule}${note}`;
    const cells = [f.kind, sideCell(f.dev, f.secret), sideCell(f.prod, f.secret)];
    return `| ${MARK[f.severity]} ${f.severity} | ${field} | ${cells.join(' | ')} | ${escapeCell(rule)} |`;
  };
  const table = (heading: string): void => {
    out.push(`#### ${heading}`, '');
    out.push(
      `| Severity | Field | Kind | ${escapeCell(sides.dev)} | ${escapeCell(sides.prod)} | Rule |`,
    );
    out.push('| --- | --- | --- | --- | --- | --- |');
  };
  const name = (f: Finding): string => `${escapeCell(f.service)} ${code(f.path)}`;
  if (roots.length > 0) table('Root causes');
  for (const item of roots) {
    const note = `; ${followText(item.symptoms.length)}`;
    if (item.kind === 'root') out.push(row(item.root, name(item.root), note));
    else {
      const prod = report.matches.find((m) => m.by === 'map' && m.dev === item.service)?.prod;
      const what = `renamed in production (parity.yaml map)${note}`;
      const names = `${code(item.service)} | ${prod ? code(prod) : '—'}`;
      out.push(`| ${mark(item)} | renamed | map | ${names} | ${escapeCell(what)} |`);
    }
    // A symptom's row follows its root's, marked ↳ and named with its own service.
    const follows = `follows from ${rootName(item, report.matches)}`;
    for (const f of item.symptoms) {
      out.push(row(f, `↳ ${name(f)}`, ` — ${follows}${f.cause ? `: ${f.cause}` : ''}`));
    }
  }
  if (roots.length > 0) out.push('');
  if (rest.length > 0) table(roots.length > 0 ? 'Other differences' : 'Differences');
  for (const item of rest) {
    if (item.kind === 'single') {
      const f = item.finding;
      out.push(
        row(f, name(f), f.causedBy ? ` — ${f.cause ?? 'caused by'}: see ${f.causedBy}` : ''),
      );
      continue;
    }
    const [first] = item.findings;
    if (!first) continue;
    const path = groupPath(item.findings);
    const side = (s: 'dev' | 'prod'): string =>
      sideCell(
        { value: groupValues(item.findings, s), source: groupSource(item.findings, s) },
        first.secret,
      );
    const field = `${code(path)} ${escapeCell(groupCount(item.findings))}`;
    const rule = escapeCell(first.reason ? `${first.rule} (${first.reason})` : first.rule);
    out.push(
      `| ${mark(item)} | ${field} | ${first.kind} | ${side('dev')} | ${side('prod')} | ${rule} |`,
    );
  }
  if (rest.length > 0) out.push('');
  const covered = report.findings.filter((f) => f.status !== 'drift');
  if (covered.length > 0) {
    out.push(
      `<details${all ? ' open' : ''}><summary>${covered.length} covered (accepted, ignored or expected)</summary>`,
      '',
      `| Service | Field | Status | ${escapeCell(sides.dev)} | ${escapeCell(sides.prod)} | Reason |`,
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const f of covered) {
      out.push(
        `| ${escapeCell(f.service)} | ${code(f.path)} | ${f.status} | ${sideCell(f.dev, f.secret)} | ${sideCell(f.prod, f.secret)} | ${escapeCell(f.reason ?? '')} |`,
      );
    }
    out.push('', '</details>', '');
  }
  return `${out.join('\n')}`;
}

const MAX_CELL = 120;

function sideCell({ value, source }: Side, secret: boolean): string {
  const where = source ? ` <sub>${escapeCell(`${source.file}:${source.line}`)}</sub>` : '';
  if (value === null) return `—${where}`;
  // A secret's value never reaches the report; only whether the two are the same.
  const shown = secret ? `*${value}*` : code(value);
  return `${shown}${where}`;
}

// An inline code span that survives any value: long ones cut, pipes escaped for the table,
// backticks fenced by a longer run.
function code(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  const cut = flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
  const longest = Math.max(0, ...[...cut.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || cut.startsWith('`') || cut.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${cut.replaceAll('|', '\\|')}${pad}${fence}`;
}

function escapeCell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('|', '\\|');
}
