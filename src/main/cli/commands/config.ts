import { stringify } from 'yaml';
import { toComposeConfig } from '../../config/compose-output';
import { injectTraceEnv, injectionLines } from '../../traces/inject-env';
import { EXIT, type Command } from '../command';
import {
  loadProjectFromArgs,
  MIRROR_OPTION,
  PROJECT_OPTIONS,
  PROJECT_USAGE,
} from '../project-args';
import { TRACES_OPTION, TRACES_USAGE, tracesReceiverFrom } from '../traces-option';

/**
 * `parity config`: the resolved project, as `docker compose config` prints it, with what
 * parity.yaml's `traces.inject` adds for the receiver at --traces (said on stderr too).
 */
export const configCommand: Command = {
  name: 'config',
  summary: 'Print the project as Compose resolves it (interpolated, merged, long syntax)',
  usage: `parity config ${PROJECT_USAGE} [--mirror] ${TRACES_USAGE} [--json]`,
  options: { ...PROJECT_OPTIONS, ...MIRROR_OPTION, ...TRACES_OPTION, json: { type: 'boolean' } },
  run(args, io) {
    const project = loadProjectFromArgs(args, io);
    if (!project) return Promise.resolve(EXIT.usage);
    const traced = injectTraceEnv(project, tracesReceiverFrom(args, io));
    for (const line of injectionLines(traced)) io.err(`${line}\n`);
    const config = toComposeConfig(traced.project.model);
    io.out(
      args.values.json === true
        ? `${JSON.stringify(config, null, 2)}\n`
        : stringify(config, { lineWidth: 0 }),
    );
    return Promise.resolve(EXIT.ok);
  },
};
