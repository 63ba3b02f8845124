import { formatDiagnostic } from '../../shared/diagnostics';
import { loadProject, type LoadedProject } from '../config/load-project';
import type { CliIo, Command, CommandArgs } from './command';

/** The options every command that reads a project takes, as `docker compose` spells them. */
export const PROJECT_OPTIONS: Command['options'] = {
  file: { type: 'string', short: 'f', multiple: true },
  'project-name': { type: 'string', short: 'p' },
  profile: { type: 'string', multiple: true },
  'env-file': { type: 'string', multiple: true },
  'project-directory': { type: 'string' },
};

/** `--mirror`, for the commands that can run or show the project with `parity mirror`'s override. */
export const MIRROR_OPTION: Command['options'] = { mirror: { type: 'boolean' } };

/** Their usage text. */
export const PROJECT_USAGE =
  '[-f FILE]... [-p NAME] [--profile P]... [--env-file E]... [--project-directory DIR]';

/** Loads the project the arguments name, printing every diagnostic; null when it has errors. */
export function loadProjectFromArgs({ values }: CommandArgs, io: CliIo): LoadedProject | null {
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
  const name = values['project-name'];
  const dir = values['project-directory'];
  const { project, diagnostics } = loadProject({
    dir: typeof dir === 'string' ? dir : process.cwd(),
    files: strings(values.file),
    ...(typeof name === 'string' ? { projectName: name } : {}),
    profiles: strings(values.profile),
    envFiles: strings(values['env-file']),
    env: io.env,
    mirror: values.mirror === true,
  });
  for (const diagnostic of diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
  return project;
}
