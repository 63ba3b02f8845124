import { readFile } from 'node:fs/promises';

/** Who holds an operation lock: what the lock file records, to tell a live Parity from a reused pid. */
export interface LockHolder {
  pid: number;
  /** The process's start time as the system counts it (Linux: clock ticks since boot), or null. */
  start: string | null;
  /** The holder's command line, for the message and to recognise the process. */
  argv: string[];
  /** When the lock was taken (ms since the epoch). */
  since: number;
  /** Unique to one acquisition, so a process only ever removes its own lock. */
  token: string;
}

/** The record of this process, as a new lock holds it. */
export async function currentHolder(token: string): Promise<LockHolder> {
  return {
    pid: process.pid,
    start: await processStart(process.pid),
    argv: (await commandLine(process.pid)) ?? process.argv,
    since: Date.now(),
    token,
  };
}

/** A lock file's text as a holder; null when it is not one (planted, truncated, an old format). */
export function parseHolder(text: string): LockHolder | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!Number.isInteger(v.pid) || (v.pid as number) <= 0) return null;
  if (v.start !== null && typeof v.start !== 'string') return null;
  if (!Array.isArray(v.argv) || !v.argv.every((a) => typeof a === 'string')) return null;
  if (typeof v.since !== 'number' || typeof v.token !== 'string') return null;
  return {
    pid: v.pid as number,
    start: v.start,
    argv: v.argv,
    since: v.since,
    token: v.token,
  };
}

/** Past this age a lock whose holder cannot be checked (no /proc) is taken as left behind. */
export const UNVERIFIABLE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Whether the process a lock names is still the Parity that took it. On Linux the pid must be
 * alive with the same start time and command line (a pid reused by another program, or a
 * planted lock naming pid 1, is not); elsewhere the pid must be alive and the lock younger
 * than a day.
 */
export async function holderIsAlive(
  holder: LockHolder,
  now: number = Date.now(),
): Promise<boolean> {
  if (!pidExists(holder.pid)) return false;
  const start = await processStart(holder.pid);
  const argv = await commandLine(holder.pid);
  if (start === null || argv === null) return now - holder.since < UNVERIFIABLE_MAX_AGE_MS;
  return start === holder.start && argv.join('\0') === holder.argv.join('\0');
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Field 22 of /proc/PID/stat; the fields are counted after the command name's closing
// parenthesis, since the name itself may hold spaces and parentheses.
async function processStart(pid: number): Promise<string | null> {
  if (process.platform !== 'linux') return null;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

async function commandLine(pid: number): Promise<string[] | null> {
  if (process.platform !== 'linux') return null;
  const text = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  if (text === null) return null;
  return text.replace(/\0$/, '').split('\0');
}
