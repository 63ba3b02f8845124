import type { LoadedProject } from '../config/load-project';
import { otherFolderUsingName } from '../trust/name-owner';
import { cliEngine } from './cli-engine';
import type { CliIo, Command, CommandArgs } from './command';

/** The option that lets a command act on a project name another folder's containers use. */
export const FORCE_NAME_OPTION: Command['options'] = { 'force-name': { type: 'boolean' } };

/** Its usage text. */
export const FORCE_NAME_USAGE = '[--force-name]';

/**
 * Whether the command must stop because the project's name belongs to containers of another
 * folder (a repository whose `name:` is another project's); says so, naming that folder, unless
 * --force-name was given.
 */
export async function nameTakenElsewhere(
  project: LoadedProject,
  args: CommandArgs,
  io: CliIo,
  command: string,
): Promise<boolean> {
  if (args.values['force-name'] === true) return false;
  const other = await otherFolderUsingName(cliEngine(io), project);
  if (other === null) return false;
  io.err(
    `parity ${command}: not touching project "${project.name}": its containers belong to another folder, ${other}.\n` +
      `This folder (${project.workingDir}) uses the same project name. Give it another name (-p NAME, or name: in its compose file),\n` +
      `run the command from ${other}, or pass --force-name to act on those containers anyway.\n`,
  );
  return true;
}
