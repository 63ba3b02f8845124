import { homedir } from 'node:os';
import { posix } from 'node:path';
import { rmSync } from 'node:fs';
import type { Settings } from '../../shared/settings';
import { writeFileAtomicSync } from './atomic-write';
import { APP_NAME } from './settings-path';

/** Passed to Parity when the system starts it at login, so it starts in the tray, not a window. */
export const LOGIN_FLAG = '--parity-login';

/** The project folders to bring up when Parity was started at login. */
export function projectsToStartAtLogin(settings: Settings): string[] {
  return settings.projects.filter((p) => p.startAtLogin).map((p) => p.directory);
}

/**
 * Where a Linux desktop looks for programs to start at login (XDG Autostart). Electron's
 * setLoginItemSettings covers only macOS and Windows.
 */
export function autostartFilePath(
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  const config = env.XDG_CONFIG_HOME || posix.join(home, '.config');
  return posix.join(config, 'autostart', 'parity.desktop');
}

/** Adds (with the command line `argv`) or removes Parity's XDG autostart entry. */
export function setAutostartEntry(path: string, enabled: boolean, argv: readonly string[]): void {
  if (!enabled) {
    rmSync(path, { force: true });
    return;
  }
  writeFileAtomicSync(path, autostartDesktopEntry(argv));
}

/** The .desktop file that starts `argv` at login. */
export function autostartDesktopEntry(argv: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${APP_NAME}`,
    'Comment=Start Parity in the tray at login',
    `Exec=${argv.map(execArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

// The Desktop Entry spec: `%` starts a field code, so it is doubled; an argument with a
// reserved character is double-quoted with `"`, `` ` ``, `$` and `\` escaped inside; then the
// value's own string escaping doubles every backslash (so a literal one is written as four).
function execArgument(argument: string): string {
  const text = argument.replace(/%/g, '%%');
  const quoted = /[\s"'\\><~|&;$*?#()`]/.test(text)
    ? `"${text.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`
    : text;
  return quoted.replace(/\\/g, '\\\\');
}
