import { lstatSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file Parity generates into a repository: never through a symlink there (a committed
 * `compose.mirror.yaml -> ~/.bashrc` must not be overwritten), and whole or not at all (a
 * temporary file in the same folder, renamed over it).
 */
export function writeOwnFile(path: string, text: string): void {
  let existing;
  try {
    existing = lstatSync(path);
  } catch {
    existing = null;
  }
  if (existing && !existing.isFile()) {
    throw new Error(`${path} is not a regular file (a symlink or a folder): not overwritten`);
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}
