import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes files (path -> content) into a new temporary project folder named `name`. */
export function makeProject(name: string, files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'parity-test-')), name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Lines joined into a file's text, with the final newline. */
export function lines(...rows: string[]): string {
  return `${rows.join('\n')}\n`;
}
