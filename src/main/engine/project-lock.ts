import { createHash, randomBytes } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureLockFolder } from './lock-folder';
import { currentHolder, holderIsAlive, parseHolder, type LockHolder } from './lock-holder';

export type { LockHolder } from './lock-holder';

const RETRY_MS = 100;
/** How long an operation waits for another one on the same project before giving up. */
export const LOCK_TIMEOUT_MS = 10 * 60 * 1000;

/** The lock of one project on one engine: the CLI, the app and `parity serve` share it. */
export function projectLockKey(endpoint: string, project: string): string {
  return `${createHash('sha256').update(endpoint).digest('hex').slice(0, 12)}-${project}`;
}

/** How withProjectLock waits. */
export interface ProjectLockOptions {
  /** Called once when another operation holds the lock, with who holds it. */
  onWait?: (holder: LockHolder) => void;
  /** How long to wait before giving up with ProjectLockTimeoutError; default 10 minutes. */
  timeoutMs?: number;
  /** The lock folder; default lockFolderPath() (tests). */
  dir?: string;
}

/** Another operation held the project's lock for longer than the wait allows. */
export class ProjectLockTimeoutError extends Error {
  override name = 'ProjectLockTimeoutError';
}

/**
 * Runs `work` holding the project's operation lock, so two `up`s (from the CLI, the app, or
 * both) on one project run one after the other. The lock is a file in the user's own lock
 * folder recording the holder (pid, start time, command line); one whose holder is no longer
 * that Parity process (killed, or a pid since reused) is taken over, since the next operation
 * converges anyway. Waiting ends after `timeoutMs` with an error naming the holder.
 */
export async function withProjectLock<T>(
  key: string,
  work: () => Promise<T>,
  options: ProjectLockOptions = {},
): Promise<T> {
  const dir = ensureLockFolder(options.dir);
  const path = join(dir, `${key.replace(/[^a-zA-Z0-9_.-]/g, '_')}.lock`);
  const token = randomBytes(12).toString('hex');
  const deadline = Date.now() + (options.timeoutMs ?? LOCK_TIMEOUT_MS);
  let told = false;
  while (!(await tryCreate(path, token))) {
    const text = await readFile(path, 'utf8').catch(() => null);
    if (text === null) continue; // released meanwhile
    const holder = parseHolder(text);
    if (holder === null || !(await holderIsAlive(holder))) {
      await removeIfUnchanged(path, text);
      continue;
    }
    if (Date.now() >= deadline)
      throw timeoutError(path, holder, options.timeoutMs ?? LOCK_TIMEOUT_MS);
    if (!told) options.onWait?.(holder);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  try {
    return await work();
  } finally {
    // Only our own lock is removed: a stale-lock takeover may have replaced it.
    const text = await readFile(path, 'utf8').catch(() => null);
    if (text !== null && parseHolder(text)?.token === token)
      await unlink(path).catch(() => undefined);
  }
}

/** What a waiting person reads: who holds the lock and since when. */
export function describeHolder(holder: LockHolder): string {
  const command = holder.argv.slice(1).join(' ') || holder.argv[0] || 'unknown command';
  return `pid ${holder.pid}, ${command}, since ${new Date(holder.since).toLocaleTimeString()}`;
}

// The record is written whole to a private file, then linked to the lock's name: the link
// fails when a lock exists, and a reader never sees a lock file without its holder.
async function tryCreate(path: string, token: string): Promise<boolean> {
  const temporary = `${path}.${token}.tmp`;
  await writeFile(temporary, JSON.stringify(await currentHolder(token)), {
    mode: 0o600,
    flag: 'wx',
  });
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

// Moved aside, then removed only if it is the lock judged stale: two waiters that both judged
// it stale must not remove the fresh lock the faster one took meanwhile.
async function removeIfUnchanged(path: string, stale: string): Promise<void> {
  const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return; // gone already
  }
  const text = await readFile(aside, 'utf8').catch(() => null);
  if (text === stale) {
    await unlink(aside).catch(() => undefined);
    return;
  }
  // Someone's fresh lock: put it back unless another lock was taken meanwhile.
  await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

function timeoutError(
  path: string,
  holder: LockHolder,
  timeoutMs: number,
): ProjectLockTimeoutError {
  const waited =
    timeoutMs >= 60_000
      ? `${Math.round(timeoutMs / 60_000)} min`
      : `${Math.round(timeoutMs / 1000)} s`;
  return new ProjectLockTimeoutError(
    `gave up after ${waited}: another Parity operation on this project still runs (${describeHolder(holder)}); try again when it ends, or, if no such process runs, delete ${path}`,
  );
}
