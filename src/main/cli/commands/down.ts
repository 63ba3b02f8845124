import { down } from '../../engine/down';
import { EXIT, UsageError, type Command } from '../command';
import { engineOperation } from '../engine-operation';
import { FORCE_NAME_OPTION, FORCE_NAME_USAGE, nameTakenElsewhere } from '../name-guard';
import { loadProjectFromArgs, PROJECT_OPTIONS, PROJECT_USAGE } from '../project-args';
import { progressPrinter, progressTarget } from '../progress-printer';

/** `parity down`: stop and remove the stack; every volume stays unless -v (named and anonymous). */
export const downCommand: Command = {
  name: 'down',
  summary: 'Stop and remove the stack (containers, networks); -v also removes its volumes',
  usage: `parity down ${PROJECT_USAGE} [-v|--volumes] [-t|--timeout SECONDS] ${FORCE_NAME_USAGE}`,
  options: {
    ...PROJECT_OPTIONS,
    ...FORCE_NAME_OPTION,
    volumes: { type: 'boolean', short: 'v' },
    timeout: { type: 'string', short: 't' },
  },
  async run(args, io) {
    const project = loadProjectFromArgs(args, io);
    if (!project) return EXIT.usage;
    const timeout = args.values.timeout === undefined ? undefined : Number(args.values.timeout);
    if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 0)) {
      throw new UsageError(`--timeout expects whole seconds, got ${String(args.values.timeout)}`);
    }
    if (await nameTakenElsewhere(project, args, io, 'down')) return EXIT.usage;
    const result = await engineOperation(project, io, (engine) =>
      down(engine, project.name, {
        volumes: args.values.volumes === true,
        ...(timeout === undefined ? {} : { timeoutSeconds: timeout }),
        onProgress: progressPrinter(progressTarget(io), false),
      }),
    );
    const kept = args.values.volumes === true ? '' : ' Named volumes were kept (-v removes them).';
    io.err(
      `Removed ${result.containers} containers, ${result.networks.length} networks, ${result.volumes.length} volumes.${kept}\n`,
    );
    return EXIT.ok;
  },
};
