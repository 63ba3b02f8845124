import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { ensurePrivateDirSync } from '../settings/private-dir';

/**
 * Where operation locks live: a folder of the current user only, never a shared /tmp path that
 * another user could create first or fill with planted locks. The session's runtime folder when
 * there is one (a tmpfs cleared at reboot, as locks should be), else the user's state or cache
 * folder. Every Parity of the user (app, CLI, `parity serve`) finds the same one.
 */
export function lockFolderPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'Parity', 'locks');
  }
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'Parity', 'locks');
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime && isAbsolute(runtime) && ownRuntimeFolder(runtime)) {
    return join(runtime, 'parity', 'locks');
  }
  const state = env.XDG_STATE_HOME;
  return join(
    state && isAbsolute(state) ? state : join(home, '.local', 'state'),
    'parity',
    'locks',
  );
}

// `sudo -E` keeps the invoking user's XDG_RUNTIME_DIR: a folder created there as root would
// lock that user out of their own locks. Another user's runtime folder is not used.
function ownRuntimeFolder(runtime: string): boolean {
  if (typeof process.getuid !== 'function') return true;
  const stats = statSync(runtime, { throwIfNoEntry: false });
  return stats === undefined || stats.uid === process.getuid();
}

/** The lock folder, created 0700 when missing; refused when another user owns it. */
export function ensureLockFolder(dir: string = lockFolderPath()): string {
  ensurePrivateDirSync(dir, true);
  return dir;
}
