import type { DockerEngine } from '../../engine/docker-engine';
import { PortConflictError } from '../../engine/port-conflicts';
import { PlanError, up } from '../../engine/up';
import { attachToServices } from '../attach';
import { EXIT, UsageError, type Command } from '../command';
import { engineOperation } from '../engine-operation';
import { loadProjectFromArgs, PROJECT_OPTIONS, PROJECT_USAGE } from '../project-args';
import { progressPrinter } from '../progress-printer';

/** `parity up`: bring the project's stack to what its files describe. */
export const upCommand: Command = {
  name: 'up',
  summary: 'Create and start the stack (only what changed), in dependency order',
  usage: `parity up ${PROJECT_USAGE} [-d|--detach] [--wait] [--remove-orphans] [--verbose] [SERVICE...]`,
  options: {
    ...PROJECT_OPTIONS,
    detach: { type: 'boolean', short: 'd' },
    wait: { type: 'boolean' },
    'remove-orphans': { type: 'boolean' },
    verbose: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(args, io) {
    const project = loadProjectFromArgs(args, io);
    if (!project) return EXIT.usage;
    const unknown = args.positionals.filter((name) => !project.model.services[name]);
    if (unknown.length > 0) throw new UsageError(`no such service: ${unknown.join(', ')}`);
    const began = new Date();
    let engine: DockerEngine | null = null;
    try {
      const result = await engineOperation(project, io, (opened) =>
        up((engine = opened), project, {
          services: args.positionals,
          wait: args.values.wait === true,
          removeOrphans: args.values['remove-orphans'] === true,
          onProgress: progressPrinter(
            { write: io.err, isTTY: io.errIsTTY === true },
            args.values.verbose === true,
          ),
        }),
      );
      if (result.failed.length > 0) return EXIT.failed;
      // Attached, as `docker compose up`: -d and --wait return once the stack is up.
      const detach = args.values.detach === true || args.values.wait === true;
      if (!detach && engine) await attachToServices(engine, project, args.positionals, began, io);
      return EXIT.ok;
    } catch (error) {
      if (error instanceof PlanError) throw new UsageError(error.message);
      if (error instanceof PortConflictError) {
        io.err(`${error.message}\n`);
        return EXIT.failed;
      }
      throw error;
    }
  },
};
