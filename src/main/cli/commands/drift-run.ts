import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DriftReport, Finding, Severity } from '../../../shared/drift';
import { formatDiagnostic } from '../../../shared/diagnostics';
import {
  ExpiryDateSchema,
  sourcePaths,
  type ProductionSource,
} from '../../../shared/parity-config';
import type { LoadedProject } from '../../config/load-project';
import { readRepositoryText } from '../../config/read-text';
import { cliEngine, cliEngineFailure } from '../cli-engine';
import { acceptDrift, AcceptDriftError } from '../../drift/accept-writer';
import { sourceOfFile } from '../../drift/against-file';
import { localDate, rulePath } from '../../drift/apply-rules';
import { diffModels } from '../../drift/diff';
import { DRIFT_FORMATS, formatDrift, type DriftFormat } from '../../drift/format';
import { diffLock, LOCK_FILE, parseLock, resolveLocalImages } from '../../drift/lock';
import { loadProduction } from '../../drift/production';
import { productionReaders } from '../../drift/readers';
import { diffRuntime } from '../../drift/runtime';
import { observeRuntime } from '../../drift/runtime-observe';
import { EXIT, UsageError, type CliIo, type CommandArgs } from '../command';
import { loadProjectFromArgs } from '../project-args';
import { confirmStackTrust } from '../trust-prompt';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const KEYWORDS = ['production', 'runtime', 'lock'] as const;
type Against = (typeof KEYWORDS)[number] | { file: string };

/** A report, or the exit code of why there is none (its reasons already printed). */
type Outcome = { report: DriftReport } | { code: number };

/** What `parity drift` does (see drift.ts for its options). */
export async function runDrift(args: CommandArgs, io: CliIo): Promise<number> {
  const failOn = args.values['fail-on'];
  if (failOn !== undefined && !(typeof failOn === 'string' && failOn in RANK)) {
    throw new UsageError(`--fail-on expects error, warning or info, got ${String(failOn)}`);
  }
  const format = formatOf(args);
  const against = againstOf(args);
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
  if (baseline && (against === 'runtime' || against === 'lock')) {
    throw new UsageError(
      `--baseline accepts differences from production; parity.yaml's accept entries do not apply to --against ${against}`,
    );
  }
  if (baseline && format === 'markdown') {
    throw new UsageError('--baseline prints what it wrote as text or --format json');
  }
  // Every service counts, those behind profiles too (drift marks them expected); against
  // the running containers, the profiles asked for say which services are expected to run.
  const asked = Array.isArray(args.values.profile) ? args.values.profile.map(String) : [];
  const profiles = against === 'runtime' || asked.length === 0 ? ['*'] : asked;
  const project = loadProjectFromArgs(
    { ...args, values: { ...args.values, profile: profiles } },
    io,
  );
  if (!project) return EXIT.usage;
  // --trust: production outside the project folder is read (CI needs no `up` for that).
  if (args.values.trust === true && against === 'production') {
    await confirmStackTrust(project, io, 'drift', true);
  }
  const outcome =
    against === 'runtime'
      ? await runtimeReport(project, asked, io)
      : against === 'lock'
        ? await lockReport(project, io)
        : productionReport(project, against, io);
  if ('code' in outcome) return outcome.code;
  const { report } = outcome;
  if (baseline) return writeBaseline(args, report.findings, format === 'json', io);
  io.out(
    formatDrift(report, format, {
      all: args.values.all === true,
      ...(project.fromShell ? { shell: project.fromShell } : {}),
    }),
  );
  const threshold = typeof failOn === 'string' ? RANK[failOn as Severity] : Infinity;
  const failing = report.findings.some(
    (f) => f.status === 'drift' && RANK[f.severity] >= threshold,
  );
  return failing ? EXIT.failed : EXIT.ok;
}

function formatOf(args: CommandArgs): DriftFormat {
  const { format, json } = args.values;
  if (format === undefined) return json === true ? 'json' : 'table';
  if (typeof format !== 'string' || !(DRIFT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format expects ${DRIFT_FORMATS.join(', ')}, got ${String(format)}`);
  }
  if (json === true && format !== 'json') {
    throw new UsageError(`--json is --format json; it does not go with --format ${format}`);
  }
  return format as DriftFormat;
}

function againstOf(args: CommandArgs): Against {
  const { against } = args.values;
  if (against === undefined) return 'production';
  if (typeof against !== 'string' || against === '') {
    throw new UsageError(
      '--against expects production, runtime, lock or a file (a production compose file, Kubernetes manifests, a Parity snapshot)',
    );
  }
  return (KEYWORDS as readonly string[]).includes(against)
    ? (against as Against)
    : { file: against };
}

// Against parity.yaml's production sources, or a file given on the command line.
function productionReport(
  project: LoadedProject,
  against: 'production' | { file: string },
  io: CliIo,
): Outcome {
  let sources: readonly ProductionSource[] | undefined;
  let from: string[];
  if (against === 'production') {
    from = (project.parity?.production ?? []).flatMap(sourcePaths);
  } else {
    // Relative to the current folder, as every path on the command line; failing that, to the
    // project's (`--project-directory app --against deploy/prod.yaml`).
    const here = resolve(process.cwd(), against.file);
    const inProject = resolve(project.workingDir, against.file);
    const found = sourceOfFile(existsSync(here) || !existsSync(inProject) ? here : inProject);
    if ('error' in found) {
      io.err(`${found.error}\n`);
      return { code: EXIT.usage };
    }
    sources = [found.source];
    from = [against.file];
  }
  const production = loadProduction(project, productionReaders, sources);
  for (const diagnostic of production.diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
  if (!production.model) return { code: EXIT.usage };
  const report = diffModels(project.model, production.model, {
    map: project.parity?.map ?? {},
    ...(project.parity?.drift ? { rules: project.parity.drift } : {}),
    secretKeys: production.secretKeys,
    ...(production.workloads ? { workloads: production.workloads } : {}),
    comparison: {
      against: against === 'production' ? 'production' : 'file',
      sides: { dev: 'dev', prod: 'prod' },
      from,
    },
  });
  return { report };
}

// Against the project's containers on the engine the environment names.
async function runtimeReport(
  project: LoadedProject,
  asked: readonly string[],
  io: CliIo,
): Promise<Outcome> {
  const engine = cliEngine(io);
  let observed;
  try {
    observed = await observeRuntime(engine, project);
  } catch (error) {
    // Not reached at all: the one sentence every command says (run-cli.ts).
    if (cliEngineFailure(io, error) !== null) throw error;
    io.err(
      `cannot read the containers from the Docker engine at ${engine.endpoint}: ${(error as Error).message}\n`,
    );
    return { code: EXIT.failed };
  }
  const fromEnv = io.env.COMPOSE_PROFILES?.split(',').filter(Boolean) ?? [];
  return {
    report: diffRuntime(project, observed, {
      from: [engine.endpoint],
      activeProfiles: [...asked, ...fromEnv],
    }),
  };
}

// Against parity.lock, with this machine's images.
async function lockReport(project: LoadedProject, io: CliIo): Promise<Outcome> {
  const file = join(project.workingDir, LOCK_FILE);
  if (!existsSync(file)) {
    io.err(`found no ${LOCK_FILE} in ${project.workingDir}: \`parity lock\` writes it\n`);
    return { code: EXIT.usage };
  }
  let text: string;
  try {
    text = readRepositoryText(file);
  } catch (error) {
    io.err(`cannot read ${file}: ${(error as Error).message}\n`);
    return { code: EXIT.usage };
  }
  const read = parseLock(text, LOCK_FILE);
  for (const diagnostic of read.diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
  if (!read.lock) return { code: EXIT.usage };
  const engine = cliEngine(io);
  let images;
  try {
    images = await resolveLocalImages(engine, project);
  } catch (error) {
    // Not reached at all: the one sentence every command says (run-cli.ts).
    if (cliEngineFailure(io, error) !== null) throw error;
    io.err(
      `cannot read the images from the Docker engine at ${engine.endpoint}: ${(error as Error).message}\n`,
    );
    return { code: EXIT.failed };
  }
  return {
    report: diffLock(project, { lock: read.lock, positions: read.positions }, images, LOCK_FILE),
  };
}

/**
 * `--baseline`: every finding now reported as drift becomes an accept entry in parity.yaml
 * (its path only: never a value), so the gate starts from what is there when Parity is adopted.
 */
function writeBaseline(
  args: CommandArgs,
  findings: readonly Finding[],
  json: boolean,
  io: CliIo,
): number {
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
  if (json) {
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
