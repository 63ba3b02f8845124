import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A stand-in `kustomize` that never finishes, and the processes it started. */
export interface SleepingKustomize {
  /** The folder holding it: put first on PATH. */
  bin: string;
  /** Its shell's pid and its sleep's, once started. */
  pids(): number[];
  /** Kills what is left of it (a test that failed before Parity stopped it). */
  kill(): void;
}

/** Writes a kustomize that records its pid and its child's, then waits on a 600 s sleep. */
export function sleepingKustomize(work: string): SleepingKustomize {
  const bin = mkdtempSync(join(work, 'bin-'));
  const log = join(bin, 'pids.log');
  writeFileSync(log, '');
  writeFileSync(
    join(bin, 'kustomize'),
    `#!/bin/sh\necho $$ >> '${log}'\nsleep 600 &\necho $! >> '${log}'\nwait\n`,
  );
  chmodSync(join(bin, 'kustomize'), 0o755);
  const pids = (): number[] => readFileSync(log, 'utf8').split('\n').filter(Boolean).map(Number);
  return {
    bin,
    pids,
    kill: () => {
      for (const pid of pids()) if (alive(pid)) process.kill(pid, 'SIGKILL');
    },
  };
}

/** Whether a process is still running. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once `check` holds, polling; rejects naming `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
