import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ensurePrivateDirSync } from './private-dir';
import { sleepSync } from './sleep-sync';

// Windows refuses a rename over a file another process (an indexer, an antivirus) has open
// for a moment; it is retried for about half a second before giving up.
const RENAME_RETRIES = 10;
const RENAME_RETRY_MS = 50;
const BUSY = new Set(['EPERM', 'EACCES', 'EBUSY']);

/** How writeFileAtomicSync treats the file it replaces and the folder it writes in. */
export interface AtomicWriteOptions {
  /** The new file's mode; default 0600, since what Parity keeps is the user's alone. */
  mode?: number;
  /** A file already there keeps its own mode (a repository's file), instead of `mode`. */
  keepMode?: boolean;
  /**
   * A symbolic link at `path`: 'replace' it with the file (Parity's own state), or 'refuse'
   * (a repository's file, where a committed link may point anywhere). Never written through.
   */
  symlink?: 'replace' | 'refuse';
  /** Create the folder (0700, owned by the user) when missing; default true. */
  createFolder?: boolean;
}

/** A write refused because of what is at the path (a symbolic link, a folder); says what. */
export class UnsafeWriteError extends Error {
  override name = 'UnsafeWriteError';
}

/**
 * Replaces `path` with `data` so that a reader sees the old file or the new one, never a part:
 * written to a temporary file beside it (created exclusively, with the final mode), flushed to
 * disk, then renamed over it. The rename replaces a symbolic link rather than following it.
 */
export function writeFileAtomicSync(
  path: string,
  data: string,
  options: AtomicWriteOptions = {},
): void {
  const folder = dirname(path);
  if (options.createFolder !== false) ensurePrivateDirSync(folder, false);
  let mode = options.mode ?? 0o600;
  const existing = lstatSync(path, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink() && options.symlink === 'refuse') {
    throw new UnsafeWriteError(
      `${path} is a symbolic link (to ${readlinkSync(path)}); Parity does not write through links: replace it with a regular file, or remove it, and try again`,
    );
  }
  if (existing && !existing.isSymbolicLink() && !existing.isFile()) {
    throw new UnsafeWriteError(`${path} is not a regular file; nothing was written`);
  }
  if (existing?.isFile() && options.keepMode) mode = existing.mode & 0o777;
  const temporary = join(
    folder,
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const fd = openSync(temporary, 'wx', mode);
    try {
      // The umask applies to open's mode; fchmod sets it exactly.
      fchmodSync(fd, mode);
      writeSync(fd, data);
      // Without the flush a power cut after the rename can leave an empty file behind.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameWithRetry(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function renameWithRetry(from: string, to: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      renameSync(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (process.platform !== 'win32' || !BUSY.has(code) || attempt >= RENAME_RETRIES) {
        throw error;
      }
      sleepSync(RENAME_RETRY_MS);
    }
  }
}
