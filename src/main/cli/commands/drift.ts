import type { Finding, Severity, Side } from '../../../shared/drift';
import { formatDiagnostic } from '../../../shared/diagnostics';
import { diffModels } from '../../drift/diff';
import { loadProduction } from '../../drift/production';
import { productionReaders } from '../../drift/readers';
import { EXIT, UsageError, type Command } from '../command';
import { loadProjectFromArgs, PROJECT_OPTIONS, PROJECT_USAGE } from '../project-args';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const MARK: Record<Severity, string> = { error: '✘', warning: '!', info: '·' };

/** `parity drift`: how the dev stack differs from production; a CI gate with --fail-on. */
export const driftCommand: Command = {
  name: 'drift',
  summary: 'Show how the dev stack differs from production (--fail-on error for CI)',
  usage: `parity drift ${PROJECT_USAGE} [--json] [--all] [--fail-on error|warning|info]`,
  options: {
    ...PROJECT_OPTIONS,
    json: { type: 'boolean' },
    all: { type: 'boolean' },
    'fail-on': { type: 'string' },
  },
  run(args, io) {
    const failOn = args.values['fail-on'];
    if (failOn !== undefined && !(typeof failOn === 'string' && failOn in RANK)) {
      throw new UsageError(`--fail-on expects error, warning or info, got ${String(failOn)}`);
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
    if (args.values.json === true) io.out(`${JSON.stringify(report, null, 2)}\n`);
    else io.out(formatReport(report.findings, args.values.all === true));
    const threshold = typeof failOn === 'string' ? RANK[failOn as Severity] : Infinity;
    const failing = report.findings.some(
      (f) => f.status === 'drift' && RANK[f.severity] >= threshold,
    );
    return Promise.resolve(failing ? EXIT.failed : EXIT.ok);
  },
};

function formatReport(findings: readonly Finding[], all: boolean): string {
  const shown = findings.filter((f) => all || f.status === 'drift');
  const lines: string[] = [];
  for (const service of [...new Set(shown.map((f) => f.service))]) {
    lines.push(service);
    for (const f of shown.filter((x) => x.service === service)) {
      const status =
        f.status === 'drift' ? '' : `  [${f.status}${f.reason ? `: ${f.reason}` : ''}]`;
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
