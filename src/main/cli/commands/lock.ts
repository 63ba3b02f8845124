import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliEngine, cliEngineFailure } from '../cli-engine';
import { LOCK_FILE, lockOf, renderLock, resolveLocalImages } from '../../drift/lock';
import { EXIT, type Command } from '../command';
import { UnsafeWriteError, writeFileAtomicSync } from '../../settings/atomic-write';
import { loadProjectFromArgs, PROJECT_OPTIONS, PROJECT_USAGE } from '../project-args';

/**
 * `parity lock`: pins the image every service runs on this machine (registry digest when it
 * has one, else image id) in parity.lock, for the team to commit; `parity drift --against
 * lock` then shows a machine whose images differ.
 */
export const lockCommand: Command = {
  name: 'lock',
  summary: "Pin each service's resolved image (digest, else image id) in parity.lock",
  usage: `parity lock ${PROJECT_USAGE} [--json]`,
  options: { ...PROJECT_OPTIONS, json: { type: 'boolean' } },
  async run(args, io) {
    // Every service is pinned, those behind profiles too.
    const project = loadProjectFromArgs(
      { ...args, values: { ...args.values, profile: ['*'] } },
      io,
    );
    if (!project) return EXIT.usage;
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
      return EXIT.failed;
    }
    const { lock, missing } = lockOf(project, images);
    if (missing.length > 0) {
      io.err(
        `not on this machine, so not pinned: ${missing.join(', ')}; \`parity up\` pulls or builds them. ${LOCK_FILE} is unchanged.\n`,
      );
      return EXIT.failed;
    }
    const file = join(project.workingDir, LOCK_FILE);
    const text = renderLock(lock);
    // A committed symlink (parity.lock -> ../victim/bashrc) is neither read nor written through.
    const before = lstatSync(file, { throwIfNoEntry: false })?.isFile()
      ? readFileSync(file, 'utf8')
      : null;
    if (before !== text) {
      try {
        writeFileAtomicSync(file, text, { keepMode: true, symlink: 'refuse', createFolder: false });
      } catch (error) {
        if (!(error instanceof UnsafeWriteError)) throw error;
        io.err(`parity lock: ${error.message}\n`);
        return EXIT.usage;
      }
    }
    if (args.values.json === true) {
      io.out(`${JSON.stringify({ file, changed: before !== text, lock }, null, 2)}\n`);
      return EXIT.ok;
    }
    const entries = Object.entries(lock.services);
    const byId = entries.filter(([, entry]) => entry.digest === null).length;
    const lines = [
      `${before === null ? 'Wrote' : before === text ? 'Unchanged:' : 'Updated'} ${file}: ${entries.length} service${entries.length === 1 ? '' : 's'}${byId > 0 ? `, ${byId} pinned by image id (no registry digest)` : ''}.`,
      ...entries.map(
        ([name, entry]) =>
          `  ${name.padEnd(Math.max(...entries.map(([n]) => n.length)))}  ${entry.image}  ${entry.digest ?? entry.id}`,
      ),
    ];
    io.out(`${lines.join('\n')}\n`);
    return EXIT.ok;
  },
};
