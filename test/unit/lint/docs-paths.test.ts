import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;

// The project's own documents: the top-level ones, and any under docs/, examples/, test/,
// bench/ and scripts/ (node_modules and build output are not the project's).
function documents(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const top = relative(ROOT, path).split('/')[0] ?? '';
      return ['docs', 'examples', 'test', 'bench', 'scripts'].includes(top) ? documents(path) : [];
    }
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

// A path of this repository named in a document: in backticks, starting at a top-level folder
// (`src/main/config/read-text.ts`, `src/main/app/tray*.ts`), or a Markdown link's target.
const NAMED = /`((?:src|test|docs|bench|scripts|examples|bin|\.ci)\/[\w./*-]*)[^`]*`/g;
const LINKED = /\]\(((?!https?:|#|mailto:)[^)\s#]+)(?:#[^)]*)?\)/g;

// Whether a path exists; a `*` in its last part matches any characters there, and a trailing
// `/**` or `/...` names the folder.
function exists(path: string): boolean {
  const folder = path.replace(/\/(?:\*\*|\.\.\.)$/, '');
  const name = basename(folder);
  if (!name.includes('*')) return existsSync(folder);
  const pattern = new RegExp(`^${name.split('*').map(escape).join('.*')}$`);
  const parent = dirname(folder);
  return existsSync(parent) && readdirSync(parent).some((entry) => pattern.test(entry));
}
const escape = (s: string): string => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

function missing(file: string, text = readFileSync(file, 'utf8')): string[] {
  const named = [...text.matchAll(NAMED)].map((m) => join(ROOT, (m[1] ?? '').replace(/\/$/, '')));
  const linked = [...text.matchAll(LINKED)].map((m) => join(dirname(file), m[1] ?? ''));
  return [...named, ...linked]
    .filter((path) => !exists(path))
    .map((path) => `${relative(ROOT, file)} names ${relative(ROOT, path)}`);
}

describe('the documents', () => {
  it('are found: README, ARCHITECTURE and docs/', () => {
    const found = documents().map((f) => relative(ROOT, f));
    expect(found).toEqual(
      expect.arrayContaining(['README.md', 'ARCHITECTURE.md', 'docs/compose-keys.md']),
    );
  });

  it('name only files and folders that are in the repository', () => {
    expect(documents().flatMap((file) => missing(file))).toEqual([]);
  });

  it('would say so of a path or a link that is not there, and accept a glob that matches', () => {
    const file = join(ROOT, 'docs', 'example.md');
    const text = 'See `src/main/nowhere.ts`, `src/main/app/tray*.ts` and [x](gone.md).';
    expect(missing(file, text)).toEqual([
      'docs/example.md names src/main/nowhere.ts',
      'docs/example.md names docs/gone.md',
    ]);
  });
});
