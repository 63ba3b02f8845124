import { stringify } from 'yaml';
import { toComposeConfig } from '../../config/compose-output';
import { EXIT, type Command } from '../command';
import {
  loadProjectFromArgs,
  MIRROR_OPTION,
  PROJECT_OPTIONS,
  PROJECT_USAGE,
} from '../project-args';

/** `parity config`: the resolved project, as `docker compose config` prints it. */
export const configCommand: Command = {
  name: 'config',
  summary: 'Print the project as Compose resolves it (interpolated, merged, long syntax)',
  usage: `parity config ${PROJECT_USAGE} [--mirror] [--json]`,
  options: { ...PROJECT_OPTIONS, ...MIRROR_OPTION, json: { type: 'boolean' } },
  run(args, io) {
    const project = loadProjectFromArgs(args, io);
    if (!project) return Promise.resolve(EXIT.usage);
    const config = toComposeConfig(project.model);
    io.out(
      args.values.json === true
        ? `${JSON.stringify(config, null, 2)}\n`
        : stringify(config, { lineWidth: 0 }),
    );
    return Promise.resolve(EXIT.ok);
  },
};
