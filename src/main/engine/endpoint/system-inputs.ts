import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import type { SocketSearch } from './well-known-sockets';

/** This machine's side of the endpoint search: its platform, home folder and sockets. */
export function systemSearch(env: Record<string, string | undefined>): SocketSearch {
  return { env, home: env.HOME || homedir(), platform: process.platform, exists: socketExists };
}

// Only a socket counts: a leftover regular file (or /dev/null bound over it) is no engine.
function socketExists(path: string): boolean {
  if (process.platform === 'win32') return existsSync(path);
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}
