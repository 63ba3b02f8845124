import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDirSync } from './private-dir';
import { SettingsFileError } from './settings-errors';
import { sleepSync } from './sleep-sync';

/** How long to wait for another process's lock before giving up. */
const WAIT_MS = 5_000;
/** A lock older than this was left by a process that died while holding it. */
const STALE_MS = 10_000;

// Locks this process holds, so a nested withFileLock on the same file does not wait for itself.
const held = new Set<string>();

/**
 * Runs `critical` while holding `lockPath`, a file created exclusively, so that the app, the
 * CLI and `parity serve` each read-modify-write the settings in turn and none loses another's
 * change. Synchronous, like the store it guards; the critical section is one small file write.
 */
export function withFileLock<T>(lockPath: string, critical: () => T): T {
  if (held.has(lockPath)) return critical();
  acquire(lockPath);
  held.add(lockPath);
  try {
    return critical();
  } finally {
    held.delete(lockPath);
    rmSync(lockPath, { force: true });
  }
}

function acquire(lockPath: string): void {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      // Whose lock it is, for a person who finds one left behind.
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        ensurePrivateDirSync(dirname(lockPath), false);
        continue;
      }
      if (code !== 'EEXIST') throw error;
    }
    if (isStale(lockPath)) {
      // Two waiters may both find it stale, and the slower one may then remove the faster
      // one's fresh lock. The worst case is two writers at once: each write is atomic, so the
      // file stays whole and at most one change is lost, after a crash that left a lock.
      rmSync(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new SettingsFileError(
        `another Parity process has been writing the settings for ${WAIT_MS / 1000} s ` +
          `(lock file ${lockPath}); try again, or delete the lock file if no Parity is running`,
      );
    }
    sleepSync(5 + Math.random() * 10);
  }
}

function isStale(lockPath: string): boolean {
  const stat = statSync(lockPath, { throwIfNoEntry: false });
  return stat !== undefined && Date.now() - stat.mtimeMs > STALE_MS;
}
