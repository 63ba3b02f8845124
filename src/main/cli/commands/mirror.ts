import { relative } from 'node:path';
import { formatDiagnostic } from '../../../shared/diagnostics';
import type { MirrorPlan } from '../../mirror/mirror-plan';
import { MIRROR_FILE } from '../../config/mirror-file';
import { MIRROR_FILES_DIR } from '../../mirror/config-files';
import { mirrorProject, writeMirror } from '../../mirror/mirror-project';
import { EXIT, UsageError, type CliIo, type Command, type CommandArgs } from '../command';
import { loadProjectFromArgs, PROJECT_OPTIONS, PROJECT_USAGE } from '../project-args';

/**
 * `parity mirror`: writes compose.mirror.yaml, a Compose override that brings each laptop
 * service to production's values (image, env but secrets, resources, security, replicas);
 * `parity up --mirror` runs with it. compose.yaml itself is never changed.
 */
export const mirrorCommand: Command = {
  name: 'mirror',
  summary: `Write ${MIRROR_FILE}, an override that brings the laptop to production's values`,
  usage: `parity mirror [SERVICE...] ${PROJECT_USAGE} [--dry-run] [--images] [--max-replicas N] [--json]`,
  options: {
    ...PROJECT_OPTIONS,
    'dry-run': { type: 'boolean' },
    images: { type: 'boolean' },
    'max-replicas': { type: 'string' },
    json: { type: 'boolean' },
  },
  allowPositionals: true,
  run(args, io) {
    return Promise.resolve(mirror(args, io));
  },
};

function mirror(args: CommandArgs, io: CliIo): number {
  const limit = args.values['max-replicas'];
  const maxReplicas = replicasLimit(typeof limit === 'string' ? limit : undefined);
  const project = loadProjectFromArgs({ ...args, values: { ...args.values, profile: ['*'] } }, io);
  if (!project) return EXIT.usage;
  const unknown = args.positionals.filter((name) => !project.model.services[name]);
  if (unknown.length > 0) throw new UsageError(`no such service: ${unknown.join(', ')}`);
  if (!project.parity?.production?.length) {
    io.err('parity.yaml names no production source, so there is nothing to mirror\n');
    return EXIT.usage;
  }
  const mirrored = mirrorProject(project, {
    only: args.positionals,
    images: args.values.images === true,
    ...(maxReplicas !== undefined ? { maxReplicas } : {}),
  });
  for (const diagnostic of mirrored.diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
  if (!mirrored.ok) return EXIT.usage;
  const { plan, text, file } = mirrored;
  const dryRun = args.values['dry-run'] === true;
  if (!dryRun) {
    try {
      // A committed compose.mirror.yaml that is a link is refused, never written through.
      writeMirror(file, text, plan.files);
    } catch (error) {
      io.err(`cannot write ${file}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
  }
  if (args.values.json === true) {
    // The files by path, mode and size: their content is production's, and is in the files.
    const files = plan.files.map((f) => ({
      path: `${MIRROR_FILES_DIR}/${f.path}`,
      mode: f.mode.toString(8).padStart(4, '0'),
      bytes: f.content.length,
    }));
    io.out(`${JSON.stringify({ file, written: !dryRun, ...plan, files }, null, 2)}\n`);
  } else if (dryRun) {
    io.out(text);
  } else {
    io.out(summary(plan, relative(process.cwd(), file) || file));
  }
  return EXIT.ok;
}

function replicasLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) {
    throw new UsageError(`--max-replicas: found "${value}", expected a whole number from 1 to 100`);
  }
  return n;
}

function summary(plan: MirrorPlan, file: string): string {
  const services = Object.entries(plan.services);
  const values = services.reduce((sum, [, list]) => sum + list.length, 0);
  const lines = [
    `Wrote ${file}: ${values} production value${values === 1 ? '' : 's'} for ${services.length} service${services.length === 1 ? '' : 's'}; \`parity up --mirror\` runs with it.`,
    ...services.map(([name, list]) => `  ${name}: ${list.map((v) => v.path.join('.')).join(', ')}`),
  ];
  if (plan.files.length > 0) {
    lines.push(
      `  ${plan.files.length} file(s) of production ConfigMaps written under ${MIRROR_FILES_DIR}/`,
    );
  }
  if (plan.notMirrored.length > 0) {
    lines.push(`Not mirrored (${plan.notMirrored.length}):`);
    for (const n of plan.notMirrored) lines.push(`  ${n.service} ${n.key}: ${n.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
