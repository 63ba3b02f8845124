import type {
  DriftAgainst,
  DriftComparison,
  DriftReport,
  Finding,
  Severity,
  Side,
} from '../../shared/drift';
import { formatSummaryLine, summarizeDrift, type DriftSummary } from '../../shared/drift-summary';
import { redactReport, type ShellValue } from '../../shared/redact-report';

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

const MARK: Record<Severity, string> = { error: '✘', warning: '!', info: '·' };

const TITLE: Record<DriftAgainst, string> = {
  production: 'the dev stack against production',
  file: 'the dev stack against a production file',
  runtime: 'the running containers against the files',
  lock: "this machine's images against parity.lock",
};

/** The comparison a report records, production when it records none. */
export function comparisonOf(report: DriftReport): DriftComparison {
  return (
    report.comparison ?? { against: 'production', sides: { dev: 'dev', prod: 'prod' }, from: [] }
  );
}

/** The counts of a report, the fields it found the same included. */
export function summaryOf(report: DriftReport): DriftSummary {
  return summarizeDrift(report.findings, report.equivalent);
}

/** The summary line a report ends with. */
export function summaryLineOf(report: DriftReport): string {
  return formatSummaryLine(summaryOf(report), comparisonOf(report).against);
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

/** Findings by service, each with both values and where they are written; then the summary line. */
export function formatTable(report: DriftReport, { all }: FormatOptions): string {
  const { sides } = comparisonOf(report);
  const width = Math.max(sides.dev.length, sides.prod.length) + 2;
  const shown = report.findings.filter((f) => all || f.status === 'drift');
  const lines: string[] = [];
  const print = (f: Finding, indent: string, label: string, note: string): void => {
    lines.push(
      `${indent}${MARK[f.severity]} ${f.severity.padEnd(7)} ${label.padEnd(28)} ${f.rule}${statusNote(f)}${note}`,
    );
    lines.push(`${indent}    ${sides.dev.padEnd(width)}${sideText(f.dev)}`);
    lines.push(`${indent}    ${sides.prod.padEnd(width)}${sideText(f.prod)}`);
  };
  // Symptoms are printed indented under their root cause, whatever their service.
  const printSymptoms = (symptoms: readonly Finding[]): void => {
    lines.push(`      ${explains(symptoms.length)}:`);
    for (const s of symptoms)
      print(s, '      ', `${s.service} ${s.path}`, s.cause ? `  (${s.cause})` : '');
  };
  for (const [service, entries] of byServiceGrouped(report, shown)) {
    lines.push(service);
    for (const entry of entries) {
      if (entry.root) print(entry.root, '  ', entry.root.path, causeNote(entry.root));
      else lines.push(`  → renamed ${entry.heading}`);
      if (entry.symptoms.length > 0) printSymptoms(entry.symptoms);
    }
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

/**
 * A PR comment: a heading, the summary line, a table per service with drift, and the covered
 * findings folded away. Secrets show only "same"/"differs", as everywhere.
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
  const row = (f: Finding, field: string, note: string): string => {
    const rule = `${f.reason ? `${f.rule} (${f.reason})` : f.rule}${note}`;
    return `| ${MARK[f.severity]} ${f.severity} | ${field} | ${f.kind} | ${sideCell(f.dev, f.secret)} | ${sideCell(f.prod, f.secret)} | ${escapeCell(rule)} |`;
  };
  for (const [service, entries] of byServiceGrouped(report, open)) {
    out.push(`#### ${escapeCell(service)}`, '');
    out.push(
      `| Severity | Field | Kind | ${escapeCell(sides.dev)} | ${escapeCell(sides.prod)} | Rule |`,
    );
    out.push('| --- | --- | --- | --- | --- | --- |');
    for (const { root, names, symptoms } of entries) {
      const note = symptoms.length > 0 ? `; ${explains(symptoms.length)}` : '';
      if (root) out.push(row(root, code(root.path), note));
      else if (names) {
        const what = `renamed in production (parity.yaml map)${note}`;
        out.push(
          `| → | renamed | map | ${code(names.dev)} | ${code(names.prod)} | ${escapeCell(what)} |`,
        );
      }
      // A symptom's row follows its root's, marked ↳ and named with its own service.
      for (const f of symptoms) {
        out.push(
          row(f, `↳ ${escapeCell(f.service)} ${code(f.path)}`, f.cause ? ` — ${f.cause}` : ''),
        );
      }
    }
    out.push('');
  }
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

/** A root cause with the symptoms it explains (none for a finding that explains nothing). */
interface Entry {
  /** The root finding; null when the root is a rename by parity.yaml's map (no finding). */
  root: Finding | null;
  /** For a rename: what it is, in words. */
  heading: string;
  /** For a rename: the service's dev and production names. */
  names?: { dev: string; prod: string };
  symptoms: Finding[];
}

function explains(count: number): string {
  return `explains ${count} difference${count === 1 ? '' : 's'}`;
}

/**
 * The findings by service, each symptom nested under its root cause when that root is shown
 * (a rename by `map:` always is); a symptom whose root is not shown stands on its own.
 */
function byServiceGrouped(report: DriftReport, shown: readonly Finding[]): Map<string, Entry[]> {
  const ids = new Set(shown.flatMap((f) => (f.id ? [f.id] : [])));
  const renames = new Map(
    report.matches
      .filter((m) => m.by === 'map' && m.dev !== null && m.prod !== null)
      .map((m) => [`${m.dev}.map`, m]),
  );
  const nested = (f: Finding): boolean =>
    f.causedBy !== undefined && (ids.has(f.causedBy) || renames.has(f.causedBy));
  const symptomsOf = (id: string): Finding[] => shown.filter((f) => f.causedBy === id && nested(f));
  const groups = new Map<string, Entry[]>();
  const add = (service: string, entry: Entry): void => {
    groups.set(service, [...(groups.get(service) ?? []), entry]);
  };
  const renamed = new Set<string>();
  for (const f of shown) {
    if (nested(f)) {
      const rename = renames.get(f.causedBy ?? '');
      if (rename?.dev && !renamed.has(f.causedBy ?? '')) {
        renamed.add(f.causedBy ?? '');
        add(rename.dev, {
          root: null,
          heading: `${rename.dev} is ${rename.prod ?? '?'} in production (parity.yaml map)`,
          names: { dev: rename.dev, prod: rename.prod ?? '?' },
          symptoms: symptomsOf(f.causedBy ?? ''),
        });
      }
      continue;
    }
    add(f.service, { root: f, heading: '', symptoms: f.id ? symptomsOf(f.id) : [] });
  }
  return groups;
}

// A symptom printed on its own (its root is not shown) says what causes it.
function causeNote(f: Finding): string {
  return f.causedBy ? `  (${f.cause ?? 'caused by'}: see ${f.causedBy})` : '';
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
