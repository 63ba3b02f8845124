import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  lstatSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VolumeMount } from '../../../src/shared/model';
import { mirrorConfigMount } from '../../../src/main/mirror/config-files';
import {
  positionKey,
  type ConfigMapFiles,
  type ConfigMount,
  type ConfigSources,
} from '../../../src/main/mirror/config-sources';
import { writeMirrorFiles } from '../../../src/main/mirror/mirror-files-write';
import type { MirrorFile } from '../../../src/main/mirror/mirror-types';

const at = { file: 'deploy/api.yaml', line: 30, column: 15 };
const from = { file: 'deploy/api.yaml', line: 40, column: 1 };

function sources(
  mount: Partial<ConfigMount>,
  keys: Record<string, string | Buffer>,
): ConfigSources {
  const map: ConfigMapFiles = {
    name: 'api-config',
    namespace: 'shop',
    keys: new Map(Object.entries(keys).map(([k, v]) => [k, Buffer.from(v)])),
    source: from,
  };
  const full: ConfigMount = {
    kind: 'configMap',
    volume: 'config',
    name: 'api-config',
    namespace: 'shop',
    items: null,
    defaultMode: null,
    subPath: null,
    ...mount,
  };
  return {
    maps: [map],
    mounts: new Map([[positionKey(at), full]]),
    find: (m) => (m.name === map.name ? map : null),
  };
}

function plan(config: ConfigSources, target = '/etc/api') {
  const value: VolumeMount = {
    type: 'bind',
    source: 'configmap:api-config',
    target,
    readOnly: true,
  };
  const files: MirrorFile[] = [];
  const skipped: string[] = [];
  const bind = mirrorConfigMount('api', { value, source: at }, config, files, (key, reason) =>
    skipped.push(`${key}: ${reason}`),
  );
  return { bind, files, skipped };
}

describe('mirrorConfigMount', () => {
  it('binds every key read-only at the same path, with the default mode', () => {
    const { bind, files } = plan(sources({ defaultMode: 0o640 }, { 'app.conf': 'a=1\n' }));
    expect(bind).toBe('./.parity/mirror/api/config:/etc/api:ro');
    expect(files.map((f) => [f.path, f.content.toString(), f.mode])).toEqual([
      ['api/config/app.conf', 'a=1\n', 0o640],
    ]);
  });

  it('writes only the items, at their paths and modes, and binds one file for a subPath', () => {
    const config = sources(
      { items: [{ key: 'b', path: 'sub/b.txt', mode: 0o400 }], subPath: 'sub/b.txt' },
      { a: 'A', b: 'B' },
    );
    const { bind, files } = plan(config, '/etc/b.txt');
    expect(bind).toBe('./.parity/mirror/api/config/sub/b.txt:/etc/b.txt:ro');
    expect(files.map((f) => [f.path, f.mode])).toEqual([['api/config/sub/b.txt', 0o400]]);
  });

  it('refuses an item path that leaves the folder, saying which', () => {
    const config = sources(
      { items: [{ key: 'a', path: '../../../etc/passwd', mode: null }] },
      {
        a: 'x',
      },
    );
    const { bind, files, skipped } = plan(config);
    expect(bind).toBeNull();
    expect(files).toEqual([]);
    expect(skipped).toEqual([
      'volumes./etc/api: "../../../etc/passwd" of ConfigMap api-config is not a plain relative file name',
    ]);
  });

  it('names a missing key, a ConfigMap not among the files, and never writes a Secret', () => {
    expect(plan(sources({ items: [{ key: 'nope', path: 'n', mode: null }] }, {})).skipped).toEqual([
      'volumes./etc/api: ConfigMap api-config has no key "nope"',
    ]);
    expect(plan(sources({ name: 'other' }, {})).skipped[0]).toMatch(
      /ConfigMap other is not among the production files/,
    );
    const secret = plan(sources({ kind: 'secret' }, { key: 'hunter2' }));
    expect(secret.files).toEqual([]);
    expect(secret.skipped).toEqual([
      'volumes./etc/api: secret: not copied, its files are not written on the laptop',
    ]);
  });

  it('refuses items that would make one path both a file and a folder', () => {
    const items = [
      { key: 'a', path: 'conf', mode: null },
      { key: 'b', path: 'conf/b', mode: null },
    ];
    const { bind, skipped } = plan(sources({ items }, { a: 'A', b: 'B' }));
    expect(bind).toBeNull();
    expect(skipped).toEqual([
      'volumes./etc/api: "conf" of ConfigMap api-config is both a file and a folder',
    ]);
  });

  it('writes no ConfigMap past 1 MiB', () => {
    const { bind, skipped } = plan(sources({}, { big: Buffer.alloc(1024 * 1024 + 1) }));
    expect(bind).toBeNull();
    expect(skipped[0]).toMatch(/holds more than Parity writes/);
  });
});

const file = (path: string, content: string, mode = 0o644): MirrorFile => ({
  path,
  content: Buffer.from(content),
  mode,
  from,
});

describe('writeMirrorFiles', () => {
  it('writes in place, keeping the file a running container binds, and removes stale files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-mirror-files-'));
    writeMirrorFiles(dir, [file('api/config/a', 'one'), file('api/config/old', 'x', 0o400)]);
    const root = join(dir, '.parity', 'mirror');
    const inode = statSync(join(root, 'api/config/a')).ino;
    writeMirrorFiles(dir, [file('api/config/a', 'two', 0o400)]);
    expect(readFileSync(join(root, 'api/config/a'), 'utf8')).toBe('two');
    expect(statSync(join(root, 'api/config/a')).ino).toBe(inode);
    expect(statSync(join(root, 'api/config/a')).mode & 0o777).toBe(0o400);
    expect(existsSync(join(root, 'api/config/old'))).toBe(false);
    // Writing again over a 0400 file works: the owner's write bit is given back first.
    writeMirrorFiles(dir, [file('api/config/a', 'three')]);
    expect(readFileSync(join(root, 'api/config/a'), 'utf8')).toBe('three');
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  it('replaces a file that is a link instead of writing through it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-mirror-files-'));
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'keep');
    mkdirSync(join(dir, '.parity/mirror/api/config'), { recursive: true });
    symlinkSync(victim, join(dir, '.parity/mirror/api/config/a'));
    writeMirrorFiles(dir, [file('api/config/a', 'new')]);
    expect(readFileSync(victim, 'utf8')).toBe('keep');
    expect(readFileSync(join(dir, '.parity/mirror/api/config/a'), 'utf8')).toBe('new');
  });

  it('refuses a .parity that is a link, and unlinks links planted inside, writing nothing outside', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-mirror-files-'));
    const outside = mkdtempSync(join(tmpdir(), 'parity-outside-'));
    symlinkSync(outside, join(dir, '.parity'));
    expect(() => writeMirrorFiles(dir, [file('api/config/a', 'x')])).toThrow(
      /\.parity is a symbolic link/,
    );
    expect(readdirSync(outside)).toEqual([]);
    rmSync(join(dir, '.parity'));
    mkdirSync(join(dir, '.parity/mirror'), { recursive: true });
    symlinkSync(outside, join(dir, '.parity/mirror/api'));
    writeMirrorFiles(dir, [file('api/config/a', 'x')]);
    expect(readdirSync(outside)).toEqual([]);
    expect(lstatSync(join(dir, '.parity/mirror/api')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, '.parity/mirror/api/config/a'), 'utf8')).toBe('x');
  });
});
