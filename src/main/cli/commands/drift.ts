import type { Finding, Severity, Side } from '../../../shared/drift';
import { formatDiagnostic } from '../../../shared/diagnostics';
import { ExpiryDateSchema } from '../../../shared/parity-config';
import { acceptDrift, AcceptDriftError } from '../../drift/accept-writer';
import { localDate, rulePath } from '../../drift/apply-rules';
import { diffModels } from '../../drift/diff';
import { loadProduction } from '../../drift/production';
import { productionReaders } from '../../drift/readers';
import { EXIT, UsageError, type CliIo, type Command, type CommandArgs } from '../command';
import { loadProjectFromArgs, PROJECT_OPTIONS, PROJECT_USAGE } from '../project-args';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const MARK: Record<Severity, string> = { error: '✘', warning: '!', info: '·' };

/** `parity drift`: how the dev stack differs from production; a CI gate with --fail-on. */
export const driftCommand: Command = {
  name: 'drift',
  summary:
    'Show how the dev stack differs from production (--fail-on error for CI; --baseline accepts what is there now)',
  usage: `parity drift ${PROJECT_USAGE} [--json] [--all] [--fail-on error|warning|info] [--baseline [--reason TEXT] [--expires YYYY-MM-DD]]`,
  options: {
    ...PROJECT_OPTIONS,
    json: { type: 'boolean' },
    all: { type: 'boolean' },
    'fail-on': { type: 'string' },
    baseline: { type: 'boolean' },
    reason: { type: 'string' },
    expires: { type: 'string' },
  },
  run(args, io) {
    const failOn = args.values['fail-on'];
    if (failOn !== undefined && !(typeof failOn === 'string' && failOn in RANK)) {
      throw new UsageError(`--fail-on expects error, warning or info, got ${String(failOn)}`);
    }
    const baseline = args.values.baseline === true;
    for (const option of ['reason', 'expires'] as const) {
      if (args.values[option] !== undefined && !baseline) {
        throw new UsageError(`--${option} goes with --baseline`);
      }
    }
    const expires = args.values.expires;
    if (typeof expires === 'string') {
      const [issue] = ExpiryDateSchema.safeParse(expires).error?.issues ?? [];
      if (issue) throw new UsageError(`--expires: ${issue.message}`);
    }
    if (typeof args.values.reason === 'string' && !/\S/.test(args.values.reason)) {
      throw new UsageError(
        '--reason: found an empty reason, expected why these differences are acceptable',
      );
    }
    if (baseline && failOn !== undefined) {
      throw new UsageError(
        '--baseline writes accept entries and exits 0; run the --fail-on gate separately',
      );
    }
    // Every service counts, those behind profiles too (drift marks them expected).
    const profiles = Array.isArray(args.values.profile) ? args.values.profile : ['*'];
    const project = loadProjectFromArgs(
      { ...args, values: { ...args.values, profile: profiles } },
      io,
    );
    if (!project) return Promise.resolve(EXIT.usage);
    const production = loadProduction(project, productionReaders);
    for (const diagnostic of production.diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
    if (!production.model) return Promise.resolve(EXIT.usage);
    const report = diffModels(project.model, production.model, {
      map: project.parity?.map ?? {},
      ...(project.parity?.drift ? { rules: project.parity.drift } : {}),
      secretKeys: production.secretKeys,
    });
    if (baseline) return Promise.resolve(writeBaseline(args, report.findings, io));
    if (args.values.json === true) io.out(`${JSON.stringify(report, null, 2)}\n`);
    else io.out(formatReport(report.findings, args.values.all === true));
    const threshold = typeof failOn === 'string' ? RANK[failOn as Severity] : Infinity;
    const failing = report.findings.some(
      (f) => f.status === 'drift' && RANK[f.severity] >= threshold,
    );
    return Promise.resolve(failing ? EXIT.failed : EXIT.ok);
  },
};

/**
 * `--baseline`: every finding now reported as drift becomes an accept entry in parity.yaml
 * (its path only: never a value), so the gate starts from what is there when Parity is adopted.
 */
function writeBaseline(args: CommandArgs, findings: readonly Finding[], io: CliIo): number {
  const today = localDate();
  const reason =
    typeof args.values.reason === 'string'
      ? args.values.reason
      : `baseline ${today}: present when Parity was adopted`;
  const expires = typeof args.values.expires === 'string' ? args.values.expires : undefined;
  if (expires !== undefined && expires < today) {
    io.err(`warning: --expires ${expires} is already past: these entries cover nothing\n`);
  }
  const entries = findings
    .filter((f) => f.status === 'drift')
    .map((f) => ({ path: rulePath(f), reason, ...(expires === undefined ? {} : { expires }) }));
  const dir = args.values['project-directory'];
  let result;
  try {
    result = acceptDrift(typeof dir === 'string' ? dir : process.cwd(), entries);
  } catch (error) {
    if (!(error instanceof AcceptDriftError)) throw error;
    io.err(`${error.message}\n`);
    return EXIT.usage;
  }
  if (args.values.json === true) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return EXIT.ok;
  }
  if (entries.length === 0) {
    io.out('No drift to baseline: every difference is already covered by parity.yaml.\n');
    return EXIT.ok;
  }
  const written = result.added.length + result.updated.length;
  const lines = [
    `Wrote ${written} accept ${written === 1 ? 'entry' : 'entries'} to ${result.file}${result.created ? ' (created)' : ''}: ${result.added.length} new, ${result.updated.length} updated${result.unchanged.length > 0 ? `, ${result.unchanged.length} already there` : ''}.`,
    ...result.added.map((path) => `  + ${path}`),
    ...result.updated.map((path) => `  ~ ${path}`),
    `Reason: ${reason}`,
  ];
  io.out(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

function formatReport(findings: readonly Finding[], all: boolean): string {
  const shown = findings.filter((f) => all || f.status === 'drift');
  const lines: string[] = [];
  for (const service of [...new Set(shown.map((f) => f.service))]) {
    lines.push(service);
    for (const f of shown.filter((x) => x.service === service)) {
      // A drift finding's reason says which acceptance expired.
      const status =
        f.status === 'drift'
          ? f.reason
            ? `  [${f.reason}]`
            : ''
          : `  [${f.status}${f.reason ? `: ${f.reason}` : ''}]`;
      lines.push(
        `  ${MARK[f.severity]} ${f.severity.padEnd(7)} ${f.path.padEnd(28)} ${f.rule}${status}`,
      );
      lines.push(`      dev   ${side(f.dev)}`);
      lines.push(`      prod  ${side(f.prod)}`);
    }
  }
  const count = (severity: Severity): number =>
    findings.filter((f) => f.status === 'drift' && f.severity === severity).length;
  const covered = findings.filter((f) => f.status !== 'drift').length;
  lines.push(
    `${count('error')} errors, ${count('warning')} warnings, ${count('info')} info; ${covered} covered by parity.yaml${all ? '' : ' (--all shows them)'}`,
  );
  return `${lines.join('\n')}\n`;
}

function side({ value, source }: Side): string {
  const where = source ? `  (${source.file}:${source.line}:${source.column})` : '';
  return `${value ?? '(absent)'}${where}`;
}
