import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/drift';
import { loadProject, type LoadedProject } from '../../../src/main/config/load-project';
import {
  diffLock,
  lockOf,
  parseLock,
  registryDigest,
  renderLock,
  type LocalImages,
} from '../../../src/main/drift/lock';
import { makeProject } from '../../support/project-dir';

const id = (c: string): string => `sha256:${c.repeat(64)}`;

function load(compose: string): LoadedProject {
  const dir = makeProject('team', { 'compose.yaml': compose, 'web/Dockerfile': 'FROM scratch\n' });
  const { project, diagnostics } = loadProject({ dir, profiles: ['*'], env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return project;
}

const project = load(
  [
    'services:',
    '  web: { build: ./web }',
    '  db: { image: postgres:16 }',
    '  cache: { image: busybox:1.37, profiles: [extra] }',
    '',
  ].join('\n'),
);

const images: LocalImages = {
  web: { id: id('1'), repoDigests: [], env: [] },
  db: {
    id: id('2'),
    repoDigests: [`mirror.example.com/postgres@${id('8')}`, `postgres@${id('9')}`],
    env: [],
  },
  cache: { id: id('3'), repoDigests: [], env: [] },
};

function written(): string {
  return renderLock(lockOf(project, images).lock);
}

function compare(local: LocalImages, text = written(), from = project): Finding[] {
  const read = parseLock(text, 'parity.lock');
  if (!read.lock) throw new Error(read.diagnostics.map((d) => d.message).join('\n'));
  return diffLock(from, { lock: read.lock, positions: read.positions }, local, 'parity.lock')
    .findings;
}

const brief = (list: Finding[]): string[] =>
  list.map((f) => `${f.service}.${f.path} ${f.severity}: ${f.dev.value} / ${f.prod.value}`);

describe('parity.lock', () => {
  it('pins every service (every profile), sorted, by digest when there is one, else by id', () => {
    const text = written();
    expect(text).toContain(
      [
        'version: 1',
        `project: "team"`,
        'services:',
        '  cache:',
        '    image: "busybox:1.37"',
        '    built: false',
        '    digest: null  # no registry digest here: pinned by image id',
        `    id: "${id('3')}"`,
        '  db:',
        '    image: "postgres:16"',
        '    built: false',
        `    digest: "${id('9')}"`,
        `    id: "${id('2')}"`,
        '  web:',
        '    image: "team-web"',
        '    built: true',
        '    digest: null  # built locally: pinned by image id',
        `    id: "${id('1')}"`,
        '',
      ].join('\n'),
    );
    expect(text.startsWith('# parity.lock:')).toBe(true);
    // The same images give the same bytes.
    expect(written()).toBe(text);
  });

  it('reads back what it writes, with where each pin is', () => {
    const read = parseLock(written(), 'parity.lock');
    expect(read.diagnostics).toEqual([]);
    expect(read.lock).toEqual(lockOf(project, images).lock);
    expect(read.positions.db).toEqual({ file: 'parity.lock', line: 23, column: 9 });
  });

  it('says which services have no image here, pinning none of them', () => {
    expect(lockOf(project, { ...images, db: null }).missing).toEqual(['db (postgres:16)']);
  });

  it('takes the digest of the repository the reference names', () => {
    const identity = images.db;
    if (!identity) throw new Error('db');
    expect(registryDigest('postgres:16', identity)).toBe(id('9'));
    expect(registryDigest('mirror.example.com/postgres:16', identity)).toBe(id('8'));
    expect(registryDigest('other:1', identity)).toBeNull();
  });

  it('rejects a damaged file with where and what was expected', () => {
    const broken = written().replace(`id: "${id('2')}"`, 'id: "abc"');
    const read = parseLock(broken, 'parity.lock');
    expect(read.lock).toBeNull();
    expect(read.diagnostics).toEqual([
      {
        severity: 'error',
        message:
          'services.db.id: expected sha256: and 64 hex digits; `parity lock` writes the file anew',
        position: { file: 'parity.lock', line: 23, column: 9 },
      },
    ]);
    expect(parseLock('services: [', 'parity.lock').diagnostics[0]?.message).toMatch(
      /^found invalid YAML/,
    );
  });
});

describe('parity drift --against lock', () => {
  it('finds nothing on the machine that wrote the lock', () => {
    expect(compare(images)).toEqual([]);
  });

  it('reports images that differ from the lock: by digest, by id, a rebuild', () => {
    const list = compare({
      web: { id: id('4'), repoDigests: [], env: [] },
      db: { id: id('5'), repoDigests: [`postgres@${id('6')}`], env: [] },
      cache: { id: id('7'), repoDigests: [], env: [] },
    });
    expect(brief(list)).toEqual([
      'web.image.id warning: sha256:444444444444 / sha256:111111111111',
      'db.image.digest error: sha256:666666666666 / sha256:999999999999',
      'cache.image.id error: sha256:777777777777 / sha256:333333333333',
    ]);
    expect(list[1]).toMatchObject({
      kind: 'changed',
      category: 'image',
      status: 'drift',
      dev: { source: { file: 'compose.yaml', line: 3 } },
      prod: { source: { file: 'parity.lock', line: 23 } },
    });
  });

  it('reports services missing from the lock, gone from the files, or with no image here', () => {
    const text = written().replace(/ {2}cache:\n(?: {4}.*\n)+/, '');
    const other = load(
      [
        'services:',
        '  web: { build: ./web }',
        '  db: { image: postgres:17 }',
        '  cache: { image: busybox:1.37 }',
        '',
      ].join('\n'),
    );
    const list = compare(
      { ...images, web: null },
      `${text}  old:\n    image: "x"\n    built: false\n    digest: null\n    id: "${id('0')}"\n`,
      other,
    );
    expect(brief(list)).toEqual([
      'web.image.id warning: null / sha256:111111111111',
      'db.image warning: postgres:17 / postgres:16',
      'cache.service warning: cache / null',
      'old.service info: null / old',
    ]);
  });
});
