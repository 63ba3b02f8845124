import { describeAsk, groupAsks } from '../../shared/trust';
import type { LoadedProject } from '../config/load-project';
import { FileSettingsStore } from '../settings/file-settings-store';
import { settingsFilePath } from '../settings/settings-path';
import { trustStack, untrustedAsks } from '../trust/stack-trust';
import { EXIT, type CliIo, type Command } from './command';

/** `--trust`: start a stack that asks for host-level power without a prompt (scripts, CI). */
export const TRUST_OPTION: Command['options'] = { trust: { type: 'boolean' } };

/**
 * Before a command creates containers: a stack asking for host-level power that this folder has
 * not been trusted for is listed, then trusted by --trust or a yes on the terminal (and
 * remembered); without either, refused before anything is created. Resolves to the exit code
 * to stop with, or null to go on.
 */
export async function confirmStackTrust(
  project: LoadedProject,
  io: CliIo,
  command: string,
  trustFlag: boolean,
): Promise<number | null> {
  const settings = new FileSettingsStore(settingsFilePath(io.env));
  const request = untrustedAsks(project, settings, io.env);
  if (request === null) return null;
  // Under headings, so a read of ../infra apart from `privileged` is seen for what it is.
  const list = groupAsks(request.asks)
    .map(
      ({ heading, asks }) => `${heading}:\n${asks.map((a) => `  - ${describeAsk(a)}\n`).join('')}`,
    )
    .join('');
  io.err(`${project.name} (${project.configDir}) asks for host-level power:\n${list}`);
  if (trustFlag) {
    trustStack(project, settings, request);
    io.err('Trusted with --trust; this folder is not asked again until what it asks changes.\n');
    return null;
  }
  if (io.stdinIsTTY !== true || !io.ask) {
    io.err(
      `parity ${command}: not starting anything: there is no terminal to confirm on; ` +
        'pass --trust to trust this folder for what it asks\n',
    );
    return EXIT.usage;
  }
  const answer = await io.ask('Trust this folder for these and start? [y/N] ');
  if (!/^y(es)?$/i.test(answer.trim())) {
    io.err('Not trusted; nothing started.\n');
    return EXIT.failed;
  }
  trustStack(project, settings, request);
  return null;
}
