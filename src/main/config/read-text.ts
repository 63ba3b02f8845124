import { readFileSync, statSync } from 'node:fs';
import { MAX_TEXT } from './yaml-limits';

/**
 * Reads a repository's file as UTF-8 text, refusing before reading anything that is not a
 * regular file (a committed symlink to /dev/zero or a FIFO would never end) or is larger than
 * MAX_TEXT bytes. Throws an Error whose message says which, for "cannot read FILE: ...".
 */
export function readRepositoryText(path: string): string {
  const stats = statSync(path);
  if (!stats.isFile())
    throw new Error('found something other than a regular file, expected a file');
  if (stats.size > MAX_TEXT) {
    throw new Error(`found ${stats.size} bytes, expected at most ${MAX_TEXT} (16 MiB)`);
  }
  return readFileSync(path, 'utf8');
}
