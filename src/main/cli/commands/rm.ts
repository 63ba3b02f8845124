import { planRemovalOn, removeContainers } from '../../engine/remove';
import { cliEngine } from '../cli-engine';
import { EXIT, UsageError, type Command } from '../command';
import { engineOperation } from '../engine-operation';
import { FORCE_NAME_OPTION, nameTakenElsewhere } from '../name-guard';
import { loadProjectFromArgs, PROJECT_OPTIONS } from '../project-args';
import { progressPrinter, progressTarget } from '../progress-printer';

/**
 * `parity rm`: as `docker compose rm`, removes the stopped containers of services (all of the
 * project's when none is named); -s stops running ones first; -v removes their anonymous
 * volumes (named volumes never). It asks first unless -f; without a terminal to ask on, it
 * refuses without -f. As in Compose, -f here is --force: the files are given with --file.
 */
export const rmCommand: Command = {
  name: 'rm',
  summary:
    "Remove services' stopped containers (-s stops them first, -v their anonymous volumes; asks unless -f)",
  usage:
    'parity rm [--file FILE]... [-p NAME] [--profile P]... [--env-file E]... [--project-directory DIR] [-s|--stop] [-f|--force] [-v|--volumes] [-t|--timeout SECONDS] [--force-name] [SERVICE...]',
  options: {
    ...PROJECT_OPTIONS,
    ...FORCE_NAME_OPTION,
    // -f is --force, as in `docker compose rm`.
    file: { type: 'string', multiple: true },
    force: { type: 'boolean', short: 'f' },
    stop: { type: 'boolean', short: 's' },
    volumes: { type: 'boolean', short: 'v' },
    timeout: { type: 'string', short: 't' },
  },
  allowPositionals: true,
  async run(args, io) {
    const force = args.values.force === true;
    const stop = args.values.stop === true;
    const timeout = args.values.timeout === undefined ? undefined : Number(args.values.timeout);
    if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 0)) {
      throw new UsageError(`--timeout expects whole seconds, got ${String(args.values.timeout)}`);
    }
    if (timeout !== undefined && !stop) throw new UsageError('--timeout goes with -s (--stop)');
    const ask = io.ask;
    if (!force && (io.stdinIsTTY !== true || !ask)) {
      io.err(
        'parity rm: not removing anything: there is no terminal to confirm on; pass -f (--force) to remove without asking\n',
      );
      return EXIT.usage;
    }
    const project = loadProjectFromArgs(args, io);
    if (!project) return EXIT.usage;
    const unknown = args.positionals.filter((service) => !project.model.services[service]);
    if (unknown.length > 0) throw new UsageError(`no such service: ${unknown.join(', ')}`);
    if (await nameTakenElsewhere(project, args, io, 'rm')) return EXIT.usage;
    const choice = { services: args.positionals, stop };

    const plan = await planRemovalOn(cliEngine(io), project.name, choice);
    if (plan.skipped.length > 0) {
      const names = plan.skipped.map((t) => t.name).join(', ');
      io.err(`Running, so kept: ${names} (-s stops them first)\n`);
    }
    if (plan.remove.length === 0) {
      io.err('No stopped containers\n');
      return EXIT.ok;
    }
    const volumes = args.values.volumes === true ? ' and their anonymous volumes' : '';
    io.err(`Going to remove ${plan.remove.map((t) => t.name).join(', ')}${volumes}\n`);
    if (!force && ask) {
      const answer = await ask('Are you sure? [y/N] ');
      if (!/^y(es)?$/i.test(answer.trim())) {
        io.err('Nothing removed.\n');
        return EXIT.ok;
      }
    }
    const removed = await engineOperation(project, io, (engine) =>
      removeContainers(engine, project.name, {
        ...choice,
        volumes: args.values.volumes === true,
        ...(timeout === undefined ? {} : { timeoutSeconds: timeout }),
        only: new Set(plan.remove.map((t) => t.id)),
        onProgress: progressPrinter(progressTarget(io), false),
      }),
    );
    io.err(`Removed ${removed.length} container${removed.length === 1 ? '' : 's'}.\n`);
    return EXIT.ok;
  },
};
