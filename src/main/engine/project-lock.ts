import { createHash } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOCK_DIR = join(tmpdir(), 'parity-locks');
const RETRY_MS = 100;

/** The lock of one project on one engine: the CLI, the app and `parity serve` share it. */
export function projectLockKey(endpoint: string, project: string): string {
  return `${createHash('sha256').update(endpoint).digest('hex').slice(0, 12)}-${project}`;
}

/**
 * Runs `work` holding the project's operation lock, so two `up`s (from the CLI, the app, or
 * both) on one project run one after the other. The lock is a file holding the owner's pid;
 * one left by a killed process is taken over, since the next operation converges anyway.
 */
export async function withProjectLock<T>(
  key: string,
  work: () => Promise<T>,
  onWait?: (holderPid: number) => void,
): Promise<T> {
  await mkdir(LOCK_DIR, { recursive: true });
  const path = join(LOCK_DIR, `${key.replace(/[^a-zA-Z0-9_.-]/g, '_')}.lock`);
  const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
  let told = false;
  for (;;) {
    try {
      await writeFile(path, token, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const content = await readFile(path, 'utf8').catch(() => '');
    const holder = Number(content.split(':')[0]);
    if (!Number.isInteger(holder) || holder <= 0 || !isAlive(holder)) {
      // Remove the stale lock only if no one replaced it meanwhile.
      if ((await readFile(path, 'utf8').catch(() => '')) === content)
        await unlink(path).catch(() => undefined);
      continue;
    }
    if (!told) onWait?.(holder);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  try {
    return await work();
  } finally {
    // Only our own lock is removed: a stale-lock takeover may have replaced it.
    if ((await readFile(path, 'utf8').catch(() => '')) === token)
      await unlink(path).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
