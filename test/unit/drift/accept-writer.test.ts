import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Diagnostic } from '../../../src/shared/diagnostics';
import { loadProject } from '../../../src/main/config/load-project';
import { readParityFile } from '../../../src/main/config/parity-file';
import { CREATED_HEADER, editAcceptText } from '../../../src/main/drift/accept-edit';
import { acceptDrift, AcceptDriftError } from '../../../src/main/drift/accept-writer';
import { rulePath } from '../../../src/main/drift/apply-rules';
import { diffModels } from '../../../src/main/drift/diff';
import { loadProduction } from '../../../src/main/drift/production';
import { productionReaders as readers } from '../../../src/main/drift/readers';

const SHOP = fileURLToPath(new URL('../../../examples/shop', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../fixtures/drift-accept', import.meta.url));
// Stored as .txt: `prettier --write .` formats .yaml files, and these must stay as written.
const fixture = (name: string): string => readFileSync(join(FIXTURES, `${name}.txt`), 'utf8');

/** A copy of examples/shop in a temporary folder. */
function shopCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'parity-accept-')), 'shop');
  cpSync(SHOP, dir, { recursive: true });
  return dir;
}

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parity-accept-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/**
 * The text `after` holds beyond `before`, when `after` is `before` with one span inserted and
 * nothing else changed; fails otherwise.
 */
function insertedSpan(before: string, after: string): string {
  let prefix = 0;
  while (prefix < before.length && before[prefix] === after[prefix]) prefix += 1;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  expect(prefix + suffix, 'every byte of the original is still there, in order').toBe(
    before.length,
  );
  return after.slice(prefix, after.length - suffix);
}

/** The config the parity.yaml loader reads from `text`, failing on any error. */
function load(text: string): ReturnType<typeof readParityFile> {
  const dir = folderWith({ 'parity.yaml': text });
  const diagnostics: Diagnostic[] = [];
  const config = readParityFile(dir, diagnostics);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return config;
}

function refusal(run: () => unknown): AcceptDriftError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AcceptDriftError);
    return error as AcceptDriftError;
  }
  throw new Error('expected a refusal');
}

/** The project's drift findings, as `parity drift` computes them. */
function shopFindings(dir: string, today?: string) {
  const { project, diagnostics } = loadProject({ dir, env: {}, profiles: ['*'] });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const production = loadProduction(project, readers);
  if (!production.model) throw new Error('no production model');
  return diffModels(project.model, production.model, {
    map: project.parity?.map ?? {},
    ...(project.parity?.drift ? { rules: project.parity.drift } : {}),
    secretKeys: production.secretKeys,
    ...(today ? { today } : {}),
  }).findings;
}

describe('acceptDrift on examples/shop', () => {
  it('accepts a finding so that the next drift run reports it accepted', () => {
    const dir = shopCopy();
    const before = shopFindings(dir);
    const target = before.find((f) => f.status === 'drift' && f.path.startsWith('env.'));
    if (!target) throw new Error('the shop has no env drift');
    const path = rulePath(target);

    const result = acceptDrift(dir, [{ path, reason: 'the laptop talks to a local database' }]);

    expect(result).toEqual({
      file: join(dir, 'parity.yaml'),
      created: false,
      added: [path],
      updated: [],
      unchanged: [],
    });
    const after = shopFindings(dir);
    const again = after.find((f) => f.service === target.service && f.path === target.path);
    expect(again?.status).toBe('accepted');
    expect(again?.reason).toBe('the laptop talks to a local database');
    // Everything else is judged exactly as before.
    expect(after.filter((f) => f !== again)).toEqual(before.filter((f) => f !== target));
  });

  it("keeps every byte of the user's file and adds one line in the accept list", () => {
    const dir = shopCopy();
    const original = readFileSync(join(dir, 'parity.yaml'), 'utf8');

    acceptDrift(dir, [{ path: 'api.env.DATABASE_URL', reason: 'local "db"' }]);

    const text = readFileSync(join(dir, 'parity.yaml'), 'utf8');
    expect(insertedSpan(original, text)).toBe(
      '    - { path: api.env.DATABASE_URL, reason: "local \\"db\\"" }\n',
    );
    // Right after the entry already there, before actions:.
    expect(text).toContain(
      '    - { path: web.image, reason: "built from source locally" }\n    - { path: api.env.DATABASE_URL',
    );
    expect(load(text)?.drift?.accept).toEqual([
      { path: 'web.image', reason: 'built from source locally' },
      { path: 'api.env.DATABASE_URL', reason: 'local "db"' },
    ]);
  });

  it('never writes a second entry for a path already accepted: the reason is updated', () => {
    const dir = shopCopy();
    const file = join(dir, 'parity.yaml');
    const original = readFileSync(file, 'utf8');

    const result = acceptDrift(dir, [{ path: 'web.image', reason: 'built by the Makefile' }]);

    expect(result.updated).toEqual(['web.image']);
    expect(result.added).toEqual([]);
    const text = readFileSync(file, 'utf8');
    expect(text.match(/web\.image/g)).toHaveLength(1);
    expect(text).toBe(
      original.replace('reason: "built from source locally"', 'reason: "built by the Makefile"'),
    );
  });

  it('leaves the file alone when the entry is already there as asked', () => {
    const dir = shopCopy();
    const file = join(dir, 'parity.yaml');
    const stamp = new Date('2020-01-01T00:00:00Z');
    utimesSync(file, stamp, stamp);

    const result = acceptDrift(dir, [{ path: 'web.image', reason: 'built from source locally' }]);

    expect(result.unchanged).toEqual(['web.image']);
    expect(statSync(file).mtime.toISOString()).toBe(stamp.toISOString());
  });

  it('writes several entries at once, one per path (the last of a repeated path wins)', () => {
    const dir = shopCopy();
    acceptDrift(dir, [
      { path: 'api.env.DATABASE_URL', reason: 'first' },
      { path: 'db.image.tag', reason: 'a newer postgres locally', expires: '2026-12-31' },
      { path: 'api.env.DATABASE_URL', reason: 'second' },
    ]);
    expect(load(readFileSync(join(dir, 'parity.yaml'), 'utf8'))?.drift?.accept).toEqual([
      { path: 'web.image', reason: 'built from source locally' },
      { path: 'db.image.tag', reason: 'a newer postgres locally', expires: '2026-12-31' },
      { path: 'api.env.DATABASE_URL', reason: 'second' },
    ]);
  });
});

describe('acceptDrift where parity.yaml has no accept list', () => {
  it('creates parity.yaml, with a header comment, when the project has none', () => {
    const dir = folderWith({ 'compose.yaml': 'services:\n  web: { image: nginx }\n' });

    const result = acceptDrift(dir, [{ path: 'web.image.tag', reason: 'pinned later' }]);

    expect(result.created).toBe(true);
    const text = readFileSync(join(dir, 'parity.yaml'), 'utf8');
    expect(text).toBe(
      [
        ...CREATED_HEADER,
        'drift:',
        '  accept:',
        '    - { path: web.image.tag, reason: "pinned later" }',
        '',
      ].join('\n'),
    );
    expect(load(text)).toEqual({
      drift: { accept: [{ path: 'web.image.tag', reason: 'pinned later' }] },
    });
  });

  it('adds drift: at the end of a file without one', () => {
    const original = 'name: shop   # the name\nproduction:\n  - compose: prod.yaml\n# the end\n';
    const { text } = editAcceptText(original, [{ path: 'a.image', reason: 'r' }]);
    expect(insertedSpan(original, text)).toBe(
      'drift:\n  accept:\n    - { path: a.image, reason: "r" }\n',
    );
    expect(text).toBe(`${original}drift:\n  accept:\n    - { path: a.image, reason: "r" }\n`);
  });

  it('adds a line break first when the file does not end with one', () => {
    const { text } = editAcceptText('name: shop', [{ path: 'a.image', reason: 'r' }]);
    expect(text).toBe('name: shop\ndrift:\n  accept:\n    - { path: a.image, reason: "r" }\n');
  });

  it('adds accept: under a drift: that has only ignore, at its indentation', () => {
    const original = 'drift:\n    ignore:\n    - "*.env.X"   # c\n# about actions\nactions: []\n';
    const { text } = editAcceptText(original, [{ path: 'a.image', reason: 'r' }]);
    // Four-space keys and an indentless list, as the file writes them.
    expect(insertedSpan(original, text)).toBe(
      '    accept:\n    - { path: a.image, reason: "r" }\n',
    );
    expect(load(text)?.drift).toEqual({
      ignore: ['*.env.X'],
      accept: [{ path: 'a.image', reason: 'r' }],
    });
  });

  it('fills flow-style drift mappings in flow style', () => {
    expect(editAcceptText('drift: { ignore: [a] }\n', [{ path: 'x.y', reason: 'r' }]).text).toBe(
      'drift: { ignore: [a], accept: [{ path: x.y, reason: "r" }] }\n',
    );
    expect(editAcceptText('drift: {}\n', [{ path: 'x.y', reason: 'r' }]).text).toBe(
      'drift: { accept: [{ path: x.y, reason: "r" }] }\n',
    );
    expect(editAcceptText('{ name: x }\n', [{ path: 'x.y', reason: 'r' }]).text).toBe(
      '{ name: x, drift: { accept: [{ path: x.y, reason: "r" }] } }\n',
    );
  });
});

describe('acceptDrift on hand-written YAML', () => {
  it('turns `accept: []` into a list below the key and keeps every comment', () => {
    const original = fixture('odd-comments.parity.yaml');
    const { text } = editAcceptText(original, [
      { path: 'api.env.DATABASE_URL', reason: 'local db' },
      { path: 'db.image.tag', reason: 'newer locally', expires: '2026-03-31' },
    ]);
    // Only the `[]` (and the space before it) goes; the rest is the user's, byte for byte.
    const expected = original.replace(
      '    accept: []      # nothing accepted yet\n',
      '    accept:      # nothing accepted yet\n' +
        '        - { path: api.env.DATABASE_URL, reason: "local db" }\n' +
        '        - { path: db.image.tag, reason: "newer locally", expires: 2026-03-31 }\n',
    );
    expect(text).toBe(expected);
    expect(load(text)).toMatchObject({
      name: 'legacy-shop',
      drift: {
        ignore: ['*.env.LOG_LEVEL', '*.env.TZ'],
        accept: [
          { path: 'api.env.DATABASE_URL', reason: 'local db' },
          { path: 'db.image.tag', reason: 'newer locally', expires: '2026-03-31' },
        ],
      },
    });
  });

  it('keeps CRLF line endings, in the inserted lines too', () => {
    const original = fixture('odd-comments.parity.yaml').replaceAll('\n', '\r\n');
    const { text } = editAcceptText(original, [{ path: 'a.image', reason: 'r' }]);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(text).toBe(
      original.replace(
        '    accept: []      # nothing accepted yet\r\n',
        '    accept:      # nothing accepted yet\r\n        - { path: a.image, reason: "r" }\r\n',
      ),
    );
    expect(load(text)?.drift?.accept).toEqual([{ path: 'a.image', reason: 'r' }]);

    const shop = readFileSync(join(SHOP, 'parity.yaml'), 'utf8').replaceAll('\n', '\r\n');
    const added = editAcceptText(shop, [{ path: 'a.image', reason: 'r' }]).text;
    expect(insertedSpan(shop, added)).toBe('    - { path: a.image, reason: "r" }\r\n');
  });

  it('adds to a block-style, indentless list in block style, after its last entry', () => {
    const original = fixture('block-entries.parity.yaml');
    const { text } = editAcceptText(original, [{ path: 'db.ports.5432', reason: 'r' }]);
    expect(insertedSpan(original, text)).toBe('  - path: db.ports.5432\n    reason: "r"\n');
    // After the last entry, with the comment indented as its part.
    expect(text).toContain('    # commented out: - path: db.ports\n  - path: db.ports.5432\n');
  });

  it('updates a block entry in place: folded reason replaced, expiry removed', () => {
    const original = fixture('block-entries.parity.yaml');
    const { text, updated } = editAcceptText(original, [
      { path: 'db.image.tag', reason: 'one line now', expires: '2027-01-01' },
      { path: 'db.env.LOG', reason: 'quoted' },
    ]);
    expect(updated).toEqual(['db.image.tag', 'db.env.LOG']);
    expect(text).toBe(
      original
        .replace(
          '    reason: >-\n      folded reason\n      over two lines\n',
          '    reason: "one line now"\n    expires: 2027-01-01\n',
        )
        .replace('    expires: 2020-01-01\n', ''),
    );
    expect(load(text)?.drift?.accept).toEqual([
      { path: 'db.image.tag', reason: 'one line now', expires: '2027-01-01' },
      { path: 'db.env.LOG', reason: 'quoted' },
    ]);
  });

  it('adds to flow lists in place, on their own lines when the list has them', () => {
    expect(
      editAcceptText('drift:\n  accept: [{ path: a.b, reason: r }]\n', [
        { path: 'c.d', reason: 's' },
      ]).text,
    ).toBe('drift:\n  accept: [{ path: a.b, reason: r }, { path: c.d, reason: "s" }]\n');
    expect(
      editAcceptText('drift:\n  accept: [\n    { path: a.b, reason: r },\n  ]\n', [
        { path: 'c.d', reason: 's' },
      ]).text,
    ).toBe(
      'drift:\n  accept: [\n    { path: a.b, reason: r },\n    { path: c.d, reason: "s" },\n  ]\n',
    );
  });

  it('quotes what YAML would not read back as the same text', () => {
    const { text } = editAcceptText('', [
      { path: 'api.env.FOO BAR', reason: 'a: b # not a comment\nsecond line' },
      { path: 'web.ports.8080:80', reason: 'r' },
      { path: 'x.true', reason: 'r' },
    ]);
    expect(load(text)?.drift?.accept).toEqual([
      { path: 'api.env.FOO BAR', reason: 'a: b # not a comment\nsecond line' },
      { path: 'web.ports.8080:80', reason: 'r' },
      { path: 'x.true', reason: 'r' },
    ]);
    expect(text).toContain(
      '{ path: "api.env.FOO BAR", reason: "a: b # not a comment\\nsecond line" }',
    );
    expect(text).toContain('{ path: "web.ports.8080:80", reason: "r" }');
  });

  it('writes into the last of duplicate drift keys, the one the loader reads', () => {
    const original = 'drift: { ignore: [a] }\ndrift:\n  ignore: [b]\n';
    const { text } = editAcceptText(original, [{ path: 'x.y', reason: 'r' }]);
    expect(text).toBe(`${original}  accept:\n    - { path: x.y, reason: "r" }\n`);
  });

  it('refuses shapes it cannot edit in place: an alias, a merge key', () => {
    const alias = refusal(() =>
      editAcceptText('x-rules: &rules\n  accept: []\ndrift: *rules\n', [
        { path: 'a.b', reason: 'r' },
      ]),
    );
    expect(alias.message).toContain('parity.yaml:3:8: error: drift is an alias (*rules)');
    const merge = refusal(() =>
      editAcceptText('x-base: &base\n  ignore: [a]\ndrift:\n  <<: *base\n', [
        { path: 'a.b', reason: 'r' },
      ]),
    );
    expect(merge.message).toContain('parity.yaml:4:3: error: drift takes keys from a merge key');
  });
});

describe('acceptDrift refuses a parity.yaml that does not load, and writes nothing', () => {
  const cases: [string, string, string][] = [
    [
      'invalid YAML',
      'name: shop\ndrift:\n  accept: [ { path: a.b, reason: r }\nactions: []\n',
      'parity.yaml:4:',
    ],
    [
      'drift of the wrong type',
      'name: shop\ndrift:\n  - web.image\n',
      'parity.yaml:3:3: error: drift: found a list, expected a mapping with ignore, accept and severity',
    ],
    [
      'accept of the wrong type',
      '# comment\ndrift:\n  accept:\n    path: web.image\n    reason: r\n',
      'parity.yaml:4:5: error: drift.accept: found a mapping, expected a list of accepted differences',
    ],
    [
      'an entry without a reason',
      'drift:\n  accept:\n    - { path: web.image }\n',
      'parity.yaml:3:7: error: drift.accept.0.reason: missing reason',
    ],
    [
      'a bad expiry date',
      'drift:\n  accept:\n    - { path: web.image, reason: r, expires: 2026-02-30 }\n',
      'parity.yaml:3:46: error: drift.accept.0.expires: found "2026-02-30", which is not a day on the calendar, expected a date as YYYY-MM-DD',
    ],
  ];
  it.each(cases)('%s', (_name, text, where) => {
    const dir = folderWith({ 'parity.yaml': text });
    const error = refusal(() => acceptDrift(dir, [{ path: 'api.image', reason: 'r' }]));
    expect(error.message).toContain(
      `cannot accept drift: ${join(dir, 'parity.yaml')} does not load`,
    );
    expect(error.message).toContain(`${join(dir, where)}`);
    expect(error.diagnostics.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'parity.yaml'), 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['parity.yaml']);
  });

  it('refuses entries the schema refuses, before touching anything', () => {
    const dir = folderWith({});
    const error = refusal(() =>
      acceptDrift(dir, [
        { path: 'a.b', reason: ' ' },
        { path: 'a.c', reason: 'r', expires: '31/01/2026' },
      ]),
    );
    expect(error.message).toContain('entry 1 reason: found an empty reason');
    expect(error.message).toContain(
      'entry 2 expires: found "31/01/2026", expected a date as YYYY-MM-DD, e.g. 2026-01-31',
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a project folder that does not exist', () => {
    const error = refusal(() =>
      acceptDrift('/nonexistent/project', [{ path: 'a.b', reason: 'r' }]),
    );
    expect(error.message).toContain('no project folder /nonexistent/project');
  });
});

describe('acceptDrift writes the file whole', () => {
  it('replaces it by rename, keeping its permissions and leaving no temp file behind', () => {
    const dir = shopCopy();
    const file = join(dir, 'parity.yaml');
    chmodSync(file, 0o600);
    const inode = statSync(file).ino;
    acceptDrift(dir, [{ path: 'a.image', reason: 'r' }]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // A new file took its place: a reader sees the old file or the new one, never half of one.
    expect(statSync(file).ino).not.toBe(inode);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('writes through a symlinked parity.yaml, which stays a symlink', () => {
    const dir = shopCopy();
    renameSync(join(dir, 'parity.yaml'), join(dir, 'real-parity.yaml'));
    symlinkSync('real-parity.yaml', join(dir, 'parity.yaml'));
    const result = acceptDrift(dir, [{ path: 'a.image', reason: 'r' }]);
    expect(result.file).toBe(join(dir, 'real-parity.yaml'));
    expect(lstatSync(join(dir, 'parity.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'parity.yaml'), 'utf8')).toContain('a.image');
  });

  it('refuses a parity.yaml linked outside the project folder, leaving the target untouched', () => {
    const dir = shopCopy();
    const victim = join(dir, '..', 'victim.yaml');
    writeFileSync(victim, 'name: victim\n');
    renameSync(join(dir, 'parity.yaml'), join(dir, 'moved.yaml'));
    symlinkSync('../victim.yaml', join(dir, 'parity.yaml'));
    expect(() => acceptDrift(dir, [{ path: 'a.image', reason: 'r' }])).toThrow(
      /parity\.yaml is a symbolic link to \.\.\/victim\.yaml, outside the project folder; .*nothing was written/,
    );
    expect(readFileSync(victim, 'utf8')).toBe('name: victim\n');
    expect(lstatSync(join(dir, 'parity.yaml')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('takes the path of parity.yaml itself as well as its folder', () => {
    const dir = shopCopy();
    const result = acceptDrift(join(dir, 'parity.yaml'), [{ path: 'a.image', reason: 'r' }]);
    expect(result.added).toEqual(['a.image']);
    expect(existsSync(join(dir, 'parity.yaml', 'parity.yaml'))).toBe(false);
    expect(parse(readFileSync(join(dir, 'parity.yaml'), 'utf8'))).toMatchObject({
      drift: { accept: [{ path: 'web.image' }, { path: 'a.image', reason: 'r' }] },
    });
  });
});
