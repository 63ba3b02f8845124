import { resolve } from 'node:path';
import { renderSnapshot, type Snapshot } from '../../../shared/snapshot';
import { cliEngine, cliEngineFailure } from '../cli-engine';
import { snapshotOfModel } from '../../drift/snapshot';
import { snapshotOfRuntime } from '../../drift/snapshot-runtime';
import { EXIT, UsageError, type Command } from '../command';
import { UnsafeWriteError, writeFileAtomicSync } from '../../settings/atomic-write';
import { loadProjectFromArgs, PROJECT_OPTIONS, PROJECT_USAGE } from '../project-args';

const FROM = ['files', 'runtime'] as const;

/**
 * `parity snapshot`: Parity's own JSON export of the environment (docs/snapshot.md), from the
 * files or from the running containers; secret env values are written only as their sha256.
 * parity.yaml's `production: - snapshot: FILE` and `parity drift --against FILE` read it back.
 */
export const snapshotCommand: Command = {
  name: 'snapshot',
  summary:
    'Write a snapshot (JSON, secrets hashed) of the stack from its files or its running containers, for drift --against',
  usage: `parity snapshot ${PROJECT_USAGE} [--from files|runtime] [--plain-env] [-o FILE]`,
  options: {
    ...PROJECT_OPTIONS,
    from: { type: 'string' },
    // Runtime env values are hashed by default: a container's env holds what the shell gave it.
    'plain-env': { type: 'boolean' },
    output: { type: 'string', short: 'o' },
  },
  async run(args, io) {
    const from = args.values.from ?? 'files';
    if (typeof from !== 'string' || !(FROM as readonly string[]).includes(from)) {
      throw new UsageError(`--from expects files or runtime, got ${String(from)}`);
    }
    if (args.values['plain-env'] === true && from !== 'runtime') {
      throw new UsageError('--plain-env goes with --from runtime');
    }
    const output = args.values.output;
    if (output !== undefined && (typeof output !== 'string' || output === '')) {
      throw new UsageError('-o expects a file to write the snapshot to');
    }
    // Every service counts, those behind profiles too.
    const project = loadProjectFromArgs(
      { ...args, values: { ...args.values, profile: ['*'] } },
      io,
    );
    if (!project) return EXIT.usage;
    let snapshot: Snapshot;
    if (from === 'files') {
      snapshot = snapshotOfModel(
        project.model,
        project.name,
        project.workingDir,
        new Date(),
        project.fromShell,
      );
    } else {
      const engine = cliEngine(io);
      try {
        snapshot = await snapshotOfRuntime(engine, project.name, new Date(), {
          hashAll: args.values['plain-env'] !== true,
        });
      } catch (error) {
        // Not reached at all: the one sentence every command says (run-cli.ts).
        if (cliEngineFailure(io, error) !== null) throw error;
        io.err(
          `cannot read the containers from the Docker engine at ${engine.endpoint}: ${(error as Error).message}\n`,
        );
        return EXIT.failed;
      }
      if (Object.keys(snapshot.services).length === 0) {
        io.err(
          `warning: no container of project ${project.name} on ${engine.endpoint}: the snapshot has no services\n`,
        );
      }
    }
    const text = renderSnapshot(snapshot);
    if (typeof output !== 'string') {
      io.out(text);
      return EXIT.ok;
    }
    const file = resolve(process.cwd(), output);
    try {
      // 0600 when new: a runtime snapshot may hold what its owner alone should read.
      writeFileAtomicSync(file, text, { keepMode: true, symlink: 'refuse', createFolder: false });
    } catch (error) {
      if (!(error instanceof UnsafeWriteError)) throw error;
      io.err(`parity snapshot: ${error.message}\n`);
      return EXIT.usage;
    }
    const count = Object.keys(snapshot.services).length;
    io.err(
      `Wrote ${file}: ${count} service${count === 1 ? '' : 's'} from the ${from === 'files' ? 'files' : 'running containers'} of ${project.name}.\n`,
    );
    return EXIT.ok;
  },
};
