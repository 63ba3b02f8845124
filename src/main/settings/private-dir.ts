import { chmodSync, mkdirSync, statSync } from 'node:fs';

/** A folder of Parity's own state that another user could read or change: refused, with why. */
export class UnsafeFolderError extends Error {
  override name = 'UnsafeFolderError';
}

/**
 * Makes sure `dir` exists as a folder of the current user, created 0700. Another user's folder
 * (a planted /tmp path, a symlink to one) is refused: whoever owns it can replace the files
 * Parity keeps there. `tighten` also closes an existing folder to group and others; it is for
 * folders Parity named itself, never one a user pointed it at. No-op checks on Windows, where
 * the folders are in the user's profile and modes do not apply.
 */
export function ensurePrivateDirSync(dir: string, tighten: boolean): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return;
  // stat follows a symlink: a link to another user's folder shows that user as the owner.
  const stats = statSync(dir);
  if (!stats.isDirectory()) throw new UnsafeFolderError(`${dir} is not a folder`);
  const uid = process.getuid();
  if (stats.uid !== uid) {
    throw new UnsafeFolderError(
      `${dir} belongs to another user (uid ${stats.uid}, not ${uid}); Parity keeps its files only in folders of its own user: remove it or set another location`,
    );
  }
  if (tighten && (stats.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}
