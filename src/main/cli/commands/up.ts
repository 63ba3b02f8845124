import type { DockerEngine } from '../../engine/docker-engine';
import { PortConflictError } from '../../engine/port-conflicts';
import { PlanError, up } from '../../engine/up';
import { attachToServices } from '../attach';
import { EXIT, UsageError, type Command } from '../command';
import { engineOperation } from '../engine-operation';
import { FORCE_NAME_OPTION, FORCE_NAME_USAGE, nameTakenElsewhere } from '../name-guard';
import {
  loadProjectFromArgs,
  MIRROR_OPTION,
  PROJECT_OPTIONS,
  PROJECT_USAGE,
} from '../project-args';
import { progressPrinter, progressTarget } from '../progress-printer';
import { confirmStackTrust, TRUST_OPTION } from '../trust-prompt';
import { TRACES_OPTION, TRACES_USAGE, tracesReceiverFrom } from '../traces-option';

/**
 * `parity up`: bring the project's stack to what its files describe. A stack that asks for
 * host-level power starts once the folder is trusted for it (a prompt, or --trust).
 */
export const upCommand: Command = {
  name: 'up',
  summary: 'Create and start the stack (only what changed), in dependency order',
  usage: `parity up ${PROJECT_USAGE} [--mirror] [-d|--detach] [--wait] [--remove-orphans] [--scale SERVICE=N]... [--verbose] [--trust] ${TRACES_USAGE} ${FORCE_NAME_USAGE} [SERVICE...]`,
  options: {
    ...PROJECT_OPTIONS,
    ...MIRROR_OPTION,
    ...TRUST_OPTION,
    ...FORCE_NAME_OPTION,
    ...TRACES_OPTION,
    detach: { type: 'boolean', short: 'd' },
    wait: { type: 'boolean' },
    'remove-orphans': { type: 'boolean' },
    verbose: { type: 'boolean' },
    scale: { type: 'string', multiple: true },
  },
  allowPositionals: true,
  async run(args, io) {
    const project = loadProjectFromArgs(args, io);
    if (!project) return EXIT.usage;
    const unknown = args.positionals.filter((name) => !project.model.services[name]);
    if (unknown.length > 0) throw new UsageError(`no such service: ${unknown.join(', ')}`);
    const scale = scaleOf(args.values.scale, (name) => name in project.model.services);
    const refused = await confirmStackTrust(project, io, 'up', args.values.trust === true);
    if (refused !== null) return refused;
    if (await nameTakenElsewhere(project, args, io, 'up')) return EXIT.usage;
    const began = new Date();
    let engine: DockerEngine | null = null;
    try {
      const result = await engineOperation(project, io, (opened) =>
        up((engine = opened), project, {
          services: args.positionals,
          wait: args.values.wait === true,
          removeOrphans: args.values['remove-orphans'] === true,
          scale,
          onProgress: progressPrinter(progressTarget(io), args.values.verbose === true),
          tracesReceiver: tracesReceiverFrom(args, io),
          onNote: (line) => io.err(`${line}\n`),
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

/** `--scale SERVICE=N`, each service once, N a whole number (0 removes its containers). */
function scaleOf(
  values: string | boolean | (string | boolean)[] | undefined,
  known: (service: string) => boolean,
): Record<string, number> {
  const scale: Record<string, number> = {};
  for (const value of Array.isArray(values) ? values : values === undefined ? [] : [values]) {
    const match = /^([^=]+)=(\d+)$/.exec(String(value));
    if (!match) throw new UsageError(`--scale expects SERVICE=N, got ${String(value)}`);
    const [, service = '', count = ''] = match;
    if (!known(service)) throw new UsageError(`--scale: no such service: ${service}`);
    if (service in scale) throw new UsageError(`--scale: ${service} is scaled twice`);
    scale[service] = Number(count);
  }
  return scale;
}
