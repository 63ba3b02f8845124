import { lstat, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

// The scan runs on the main process, after a load was stopped: asynchronous and bounded, so
// the folder that was too big to read is not what stalls the app next.
const MAX_ENTRIES = 5_000;
const MAX_DEPTH = 6;
const SKIPPED = new Set(['.git', 'node_modules']);

/**
 * The largest files under a project folder, as "path (size)", biggest first: what a load
 * that took too long most likely spent its time on. Links are not followed.
 */
export async function biggestInputs(folder: string, count = 3): Promise<string[]> {
  const files: { path: string; size: number }[] = [];
  const pending: { dir: string; depth: number }[] = [{ dir: folder, depth: 0 }];
  let seen = 0;
  while (pending.length > 0 && seen < MAX_ENTRIES) {
    const { dir, depth } = pending.shift() as { dir: string; depth: number };
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (++seen > MAX_ENTRIES) break;
      const path = join(dir, name);
      const stats = await lstat(path).catch(() => null);
      if (stats?.isDirectory() && depth < MAX_DEPTH && !SKIPPED.has(name)) {
        pending.push({ dir: path, depth: depth + 1 });
      } else if (stats?.isFile()) files.push({ path, size: stats.size });
    }
  }
  return files
    .sort((a, b) => b.size - a.size)
    .slice(0, count)
    .map((file) => `${relative(folder, file.path)} (${size(file.size)})`);
}

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
