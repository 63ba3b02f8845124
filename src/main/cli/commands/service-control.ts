import {
  NoContainerError,
  restartServices,
  startServices,
  stopServices,
  type ControlOptions,
} from '../../engine/service-control';
import type { DockerEngine } from '../../engine/docker-engine';
import { EXIT, UsageError, type Command } from '../command';
import { engineOperation } from '../engine-operation';
import { FORCE_NAME_OPTION, FORCE_NAME_USAGE, nameTakenElsewhere } from '../name-guard';
import { loadProjectFromArgs, PROJECT_OPTIONS, PROJECT_USAGE } from '../project-args';
import { progressPrinter, progressTarget } from '../progress-printer';

type Action = (engine: DockerEngine, project: string, options: ControlOptions) => Promise<void>;

// start, stop and restart differ only in what they do to each container.
function serviceCommand(name: string, summary: string, action: Action): Command {
  return {
    name,
    summary,
    usage: `parity ${name} ${PROJECT_USAGE}${name === 'start' ? '' : ' [-t|--timeout SECONDS]'} ${FORCE_NAME_USAGE} [SERVICE...]`,
    options: {
      ...PROJECT_OPTIONS,
      ...FORCE_NAME_OPTION,
      ...(name === 'start' ? {} : { timeout: { type: 'string', short: 't' } }),
    },
    allowPositionals: true,
    async run(args, io) {
      const project = loadProjectFromArgs(args, io);
      if (!project) return EXIT.usage;
      const unknown = args.positionals.filter((service) => !project.model.services[service]);
      if (unknown.length > 0) throw new UsageError(`no such service: ${unknown.join(', ')}`);
      const timeout = args.values.timeout === undefined ? undefined : Number(args.values.timeout);
      if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 0)) {
        throw new UsageError(`--timeout expects whole seconds, got ${String(args.values.timeout)}`);
      }
      if (await nameTakenElsewhere(project, args, io, name)) return EXIT.usage;
      try {
        await engineOperation(project, io, (engine) =>
          action(engine, project.name, {
            services: args.positionals,
            ...(timeout === undefined ? {} : { timeoutSeconds: timeout }),
            onProgress: progressPrinter(progressTarget(io), false),
          }),
        );
      } catch (error) {
        if (error instanceof NoContainerError) throw new UsageError(error.message);
        throw error;
      }
      return EXIT.ok;
    },
  };
}

/** `parity start`: start existing containers of services. */
export const startCommand = serviceCommand(
  'start',
  'Start the existing containers of services',
  startServices,
);
/** `parity stop`: stop services' containers without removing them. */
export const stopCommand = serviceCommand(
  'stop',
  'Stop services (dependents first) without removing them',
  stopServices,
);
/** `parity restart`: restart services' containers. */
export const restartCommand = serviceCommand(
  'restart',
  "Restart services' containers",
  restartServices,
);
