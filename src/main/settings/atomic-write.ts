import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { sleepSync } from './sleep-sync';

// Windows refuses a rename over a file another process (an indexer, an antivirus) has open
// for a moment; it is retried for about half a second before giving up.
const RENAME_RETRIES = 10;
const RENAME_RETRY_MS = 50;
const BUSY = new Set(['EPERM', 'EACCES', 'EBUSY']);

/**
 * Replaces `path` with `data` so that a reader sees the old file or the new one, never a part:
 * written to a temporary file beside it, flushed to disk, then renamed over it.
 */
export function writeFileAtomicSync(path: string, data: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const fd = openSync(temporary, 'wx');
    try {
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
