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
import { redactReport, type ShellValue } from '../../shared/redact-report';
import { formatMarkdown } from './format-markdown';
import { MARK, comparisonOf, groupSource, summaryLineOf, summaryOf } from './format-lines';

export { comparisonOf, formatMarkdown, summaryLineOf, summaryOf };

/** The output formats of `parity drift --format`. */
export const DRIFT_FORMATS = ['table', 'json', 'markdown'] as const;
export type DriftFormat = (typeof DRIFT_FORMATS)[number];

/** How a report is printed. */
export interface FormatOptions {
  /** Covered findings (accepted, ignored, expected) too, not only drift. */
  all: boolean;
  /** The values the project's files took from the shell's environment: shown as `${NAME}`. */
  shell?: readonly ShellValue[];
}

/**
 * A report in one of the formats; every format ends with a newline. Every value goes through
 * the one secret rule first (src/shared/redact-report.ts), whatever the comparison masked.
 */
export function formatDrift(
  unredacted: DriftReport,
  format: DriftFormat,
  options: FormatOptions,
): string {
  const report = redactReport(unredacted, options.shell);
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'markdown':
      return formatMarkdown(report, options);
    case 'table':
      return formatTable(report, options);
  }
}

/**
 * The report as JSON (docs/drift-json.md): every finding, covered ones included, with the
 * comparison it is and its summary counts. Values of secrets are "same"/"differs" already.
 */
export function formatJson(report: DriftReport): string {
  const { matches, findings, equivalent } = report;
  const out: DriftReport = {
    comparison: comparisonOf(report),
    matches,
    findings,
    ...(equivalent === undefined ? {} : { equivalent }),
    summary: summaryOf(report),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

const LABEL = 34;

/**
 * The findings as a user works through them (src/shared/drift-outline.ts): root causes first,
 * each with the differences that follow from it indented under it, then every other
 * difference, identical ones on several services or replicas as one line "×N (where)"; each
 * with both values and where they are written; then the summary line.
 */
export function formatTable(report: DriftReport, { all }: FormatOptions): string {
  const { sides } = comparisonOf(report);
  const width = Math.max(sides.dev.length, sides.prod.length) + 2;
  const shown = report.findings.filter((f) => all || f.status === 'drift');
  const { roots, rest } = outlineFindings(shown);
  const lines: string[] = [];
  const head = (indent: string, item: OutlineItem, label: string, rule: string): void => {
    const severity = severityOf(item);
    lines.push(`${indent}${MARK[severity]} ${severity.padEnd(7)} ${label.padEnd(LABEL)} ${rule}`);
  };
  const values = (indent: string, dev: string, prod: string): void => {
    lines.push(`${indent}    ${sides.dev.padEnd(width)}${dev}`);
    lines.push(`${indent}    ${sides.prod.padEnd(width)}${prod}`);
  };
  const print = (f: Finding, indent: string, note = ''): void => {
    head(indent, { kind: 'single', finding: f }, `${f.service} ${f.path}`, f.rule + statusNote(f));
    if (note) lines.push(`${indent}    ${note}`);
    values(indent, sideText(f.dev), sideText(f.prod));
  };
  if (roots.length > 0) lines.push('Root causes, each with the differences that follow from it:');
  for (const item of roots) {
    if (item.kind === 'root') print(item.root, '  ', causeNote(item.root));
    else lines.push(`  → ${rootName(item, report.matches)}`);
    lines.push(`    ${followText(item.symptoms.length)}:`);
    const from = `↳ follows from ${rootName(item, report.matches)}`;
    for (const s of item.symptoms) {
      lines.push(`    ${from}${s.cause ? `: ${s.cause}` : ''}`);
      print(s, '      ');
    }
  }
  if (rest.length > 0) lines.push(roots.length > 0 ? 'Other differences:' : 'Differences:');
  for (const item of rest) {
    if (item.kind === 'single') {
      print(item.finding, '  ', causeNote(item.finding));
      continue;
    }
    const [first] = item.findings;
    if (!first) continue;
    const path = groupPath(item.findings);
    head('  ', item, `${path} ${groupCount(item.findings)}`, first.rule + statusNote(first));
    const side = (s: 'dev' | 'prod'): string =>
      sideText({ value: groupValues(item.findings, s), source: groupSource(item.findings, s) });
    values('  ', side('dev'), side('prod'));
  }
  // Pairs made by evidence, not by name or map: never silent.
  for (const m of report.matches) {
    if (m.evidence === undefined || m.dev === null || m.prod === null) continue;
    lines.push(`matched ${m.dev} → ${m.prod} by ${m.by}: ${m.evidence}`);
  }
  const summary = summaryOf(report);
  const hint = !all && summary.covered > 0 ? ' (--all shows the covered ones)' : '';
  lines.push(`${summaryLineOf(report)}${hint}`);
  return `${lines.join('\n')}\n`;
}

// A symptom printed on its own (its root is not shown) says what causes it.
function causeNote(f: Finding): string {
  return f.causedBy ? `(${f.cause ?? 'caused by'}: see ${f.causedBy})` : '';
}

// A drift finding's reason says which acceptance expired; a covered one's why it is covered.
function statusNote(f: Finding): string {
  if (f.status === 'drift') return f.reason ? `  [${f.reason}]` : '';
  return `  [${f.status}${f.reason ? `: ${f.reason}` : ''}]`;
}

function sideText({ value, source }: Side): string {
  const where = source ? `  (${source.file}:${source.line}:${source.column})` : '';
  return `${value ?? '(absent)'}${where}`;
}
