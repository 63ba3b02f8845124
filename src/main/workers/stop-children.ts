import { readdirSync, readFileSync } from 'node:fs';

// A render's own children (a shell script's `sleep`, Helm's plugins) hold its output pipe
// open, and the render's synchronous wait lasts until they close it: the whole tree goes.
const MAX_PROCESSES = 256;

/**
 * Kills the processes a thread of this process started, and theirs (Linux: /proc lists each
 * thread's children). A load stopped at its time limit may be waiting on a synchronous render,
 * which terminating its thread does not interrupt; elsewhere the render's own limit ends it.
 * Returns how many were signalled.
 */
export function stopThreadChildren(tid: number | null): number {
  if (tid === null || process.platform !== 'linux') return 0;
  const found = childrenOf(`/proc/${process.pid}/task/${tid}/children`);
  const all: number[] = [];
  while (found.length > 0 && all.length < MAX_PROCESSES) {
    const pid = found.shift() as number;
    all.push(pid);
    for (const task of tasksOf(pid))
      found.push(...childrenOf(`/proc/${pid}/task/${task}/children`));
  }
  let stopped = 0;
  for (const pid of all) {
    try {
      process.kill(pid, 'SIGKILL');
      stopped++;
    } catch {
      // Gone meanwhile.
    }
  }
  return stopped;
}

function childrenOf(file: string): number[] {
  try {
    return readFileSync(file, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function tasksOf(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
}
