import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DriftReportSchema } from '../../../src/shared/drift';
import { SnapshotSchema } from '../../../src/shared/snapshot';
import { loadProject } from '../../../src/main/config/load-project';
import { readSnapshot, secretHash, snapshotOfModel } from '../../../src/main/drift/snapshot';
import { sourceOfFile } from '../../../src/main/drift/against-file';
import { runCliCaptured } from '../../support/cli';

const SHOP = fileURLToPath(new URL('../../../examples/shop', import.meta.url));

async function cli(...args: string[]) {
  return runCliCaptured(args, {});
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'parity-snapshot-'));
}

describe('parity snapshot --from files', () => {
  it('writes a versioned snapshot with sorted keys, identical bytes apart from createdAt', async () => {
    const first = await cli('snapshot', '--project-directory', SHOP);
    const second = await cli('snapshot', '--project-directory', SHOP);
    expect(first.code).toBe(0);
    expect(first.err).toBe('');
    const strip = (text: string): string => text.replace(/"createdAt": "[^"]*"/, '');
    expect(strip(first.out)).toBe(strip(second.out));
    const snapshot = SnapshotSchema.parse(JSON.parse(first.out));
    expect(snapshot).toMatchObject({ parity: 'snapshot', version: 1, source: 'files' });
    expect(Object.keys(snapshot.services).sort()).toEqual(
      Object.keys(snapshot.services).sort((a, b) => (a < b ? -1 : 1)),
    );
    const keys = Object.keys(JSON.parse(first.out) as object);
    expect(keys).toEqual([...keys].sort());
  });

  it('round trips: drift of the shop against its own snapshot finds nothing', async () => {
    const dir = tmp();
    const file = join(dir, 'shop.snapshot.json');
    expect((await cli('snapshot', '--project-directory', SHOP, '-o', file)).code).toBe(0);
    const drift = await cli('drift', '--project-directory', SHOP, '--against', file, '--json');
    expect(drift.err).toBe('');
    expect(drift.code).toBe(0);
    const report = DriftReportSchema.parse(JSON.parse(drift.out));
    expect(report.findings.filter((f) => f.status !== 'ignored')).toEqual([]);
    expect(report.equivalent).toBeGreaterThan(10);
  });

  it('never writes a secret value, only its sha256; drift still says same or differs', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  app:\n    image: busybox:1.37\n    environment:\n      DB_PASSWORD: hunter2-very-secret\n      GREETING: hello\n',
    );
    const file = join(dir, 'app.snapshot.json');
    expect((await cli('snapshot', '--project-directory', dir, '-o', file)).code).toBe(0);
    const bytes = readFileSync(file);
    expect(bytes.includes('hunter2-very-secret')).toBe(false);
    expect(bytes.includes(secretHash('hunter2-very-secret'))).toBe(true);
    const same = await cli('drift', '--project-directory', dir, '--against', file, '--json');
    expect(DriftReportSchema.parse(JSON.parse(same.out)).findings).toEqual([]);
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  app:\n    image: busybox:1.37\n    environment:\n      DB_PASSWORD: another-one\n      GREETING: hello\n',
    );
    const differs = await cli('drift', '--project-directory', dir, '--against', file, '--json');
    const [finding, ...rest] = DriftReportSchema.parse(JSON.parse(differs.out)).findings;
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      path: 'env.DB_PASSWORD',
      secret: true,
      dev: { value: 'differs' },
      prod: { value: 'differs', source: { file: 'app.snapshot.json' } },
    });
    expect(differs.out).not.toContain('another-one');
    expect(differs.out).not.toContain(secretHash('hunter2-very-secret'));
  });
});

describe('reading a snapshot', () => {
  const text = [
    '{',
    '  "createdAt": "2026-11-27T10:00:00.000Z",',
    '  "parity": "snapshot",',
    '  "project": "p",',
    '  "services": {',
    '    "api": {',
    '      "environment": { "MODE": "prod" },',
    '      "image": "postgres:16",',
    '      "user": "1000"',
    '    }',
    '  },',
    '  "source": "runtime",',
    '  "version": 1',
    '}',
    '',
  ].join('\n');

  it('gives each value the line and column it is written at', () => {
    const read = readSnapshot(text, 'prod.snapshot.json', { name: 'p' });
    expect(read.diagnostics).toEqual([]);
    const api = read.model?.services.api;
    expect(api?.source).toEqual({ file: 'prod.snapshot.json', line: 6, column: 5 });
    expect(api?.environment.MODE?.source).toEqual({
      file: 'prod.snapshot.json',
      line: 7,
      column: 32,
    });
    expect(api?.image?.value).toMatchObject({ repository: 'library/postgres', tag: '16' });
    expect(api?.image?.source).toMatchObject({ line: 8, column: 16 });
    expect(api?.user?.source).toMatchObject({ line: 9, column: 15 });
  });

  it('refuses a malformed snapshot with file:line and what was expected', () => {
    const bad = readSnapshot(text.replace('"1000"', '1000'), 'prod.snapshot.json', { name: 'p' });
    expect(bad.model).toBeNull();
    expect(bad.diagnostics).toHaveLength(1);
    expect(bad.diagnostics[0]?.severity).toBe('error');
    expect(bad.diagnostics[0]?.position).toEqual({
      file: 'prod.snapshot.json',
      line: 9,
      column: 15,
    });
    expect(bad.diagnostics[0]?.message).toMatch(/^services\.api\.user: .*expected string/);
    const broken = readSnapshot(text.replace('"prod" }', '"prod" '), 'x.json', { name: 'p' });
    expect(broken.model).toBeNull();
    expect(broken.diagnostics[0]?.position?.file).toBe('x.json');
    expect(broken.diagnostics[0]?.message).toMatch(/^found invalid JSON/);
    const unknown = readSnapshot(text.replace('"user"', '"usr"'), 'x.json', { name: 'p' });
    expect(unknown.diagnostics[0]?.position).toMatchObject({ line: 9, column: 7 });
    expect(unknown.diagnostics[0]?.message).toContain('usr');
  });

  it('exits 2 with file:line when drift --against reads a malformed snapshot', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  api:\n    image: postgres:16\n');
    writeFileSync(join(dir, 'prod.snapshot.json'), text.replace('"version": 1', '"version": 7'));
    expect(sourceOfFile(join(dir, 'prod.snapshot.json'))).toEqual({
      source: { snapshot: join(dir, 'prod.snapshot.json') },
    });
    const result = await cli(
      'drift',
      '--project-directory',
      dir,
      '--against',
      join(dir, 'prod.snapshot.json'),
    );
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /^prod\.snapshot\.json:13:\d+: error: version: found version 7, expected 1/,
    );
  });

  it('is read from parity.yaml production: - snapshot: FILE', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  api:\n    image: postgres:15\n');
    writeFileSync(join(dir, 'parity.yaml'), 'production:\n  - snapshot: prod.snapshot.json\n');
    writeFileSync(join(dir, 'prod.snapshot.json'), text);
    const result = await cli('drift', '--project-directory', dir, '--json');
    const report = DriftReportSchema.parse(JSON.parse(result.out));
    expect(report.findings.find((f) => f.path === 'image.tag')).toMatchObject({
      dev: { value: '15' },
      prod: { value: '16', source: { file: 'prod.snapshot.json', line: 8, column: 16 } },
    });
  });

  it('writes from a model what it reads back', () => {
    const { project } = loadProject({ dir: SHOP, env: {}, profiles: ['*'] });
    if (!project) throw new Error('shop did not load');
    const snapshot = snapshotOfModel(project.model, project.name, project.workingDir);
    const read = readSnapshot(JSON.stringify(snapshot), 's.json', {
      name: 'shop',
      devEnvironment: (name) => project.model.services[name]?.environment,
    });
    expect(read.diagnostics).toEqual([]);
    expect(
      snapshotOfModel(read.model!, 'shop', project.workingDir, new Date(snapshot.createdAt)),
    ).toEqual(snapshot);
  });
});
