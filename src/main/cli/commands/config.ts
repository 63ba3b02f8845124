import { stringify } from 'yaml';
import { formatDiagnostic } from '../../../shared/diagnostics';
import { toComposeConfig } from '../../config/compose-output';
import { loadProject } from '../../config/load-project';
import { EXIT, type Command } from '../command';

/** `parity config`: the resolved project, as `docker compose config` prints it. */
export const configCommand: Command = {
  name: 'config',
  summary: 'Print the project as Compose resolves it (interpolated, merged, long syntax)',
  usage:
    'parity config [-f FILE]... [-p NAME] [--profile P]... [--env-file E]... [--project-directory DIR] [--json]',
  options: {
    file: { type: 'string', short: 'f', multiple: true },
    'project-name': { type: 'string', short: 'p' },
    profile: { type: 'string', multiple: true },
    'env-file': { type: 'string', multiple: true },
    'project-directory': { type: 'string' },
    json: { type: 'boolean' },
  },
  run({ values }, io) {
    const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
    const { project, diagnostics } = loadProject({
      dir:
        typeof values['project-directory'] === 'string'
          ? values['project-directory']
          : process.cwd(),
      files: strings(values.file),
      ...(typeof values['project-name'] === 'string'
        ? { projectName: values['project-name'] }
        : {}),
      profiles: strings(values.profile),
      envFiles: strings(values['env-file']),
      env: io.env,
    });
    for (const diagnostic of diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
    if (!project) return Promise.resolve(EXIT.usage);
    const config = toComposeConfig(project.model);
    io.out(
      values.json === true
        ? `${JSON.stringify(config, null, 2)}\n`
        : stringify(config, { lineWidth: 0 }),
    );
    return Promise.resolve(EXIT.ok);
  },
};
