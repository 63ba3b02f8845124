import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnsafeWriteError, writeFileAtomicSync } from '../../../src/main/settings/atomic-write';
import { FileSettingsStore } from '../../../src/main/settings/file-settings-store';

const mode = (path: string): number => statSync(path).mode & 0o777;
const scratch = (): string => mkdtempSync(join(tmpdir(), 'parity-private-'));

describe.runIf(process.platform !== 'win32')("Parity's own files are the user's alone", () => {
  it('writes the settings 0600 in a Parity folder it creates 0700', () => {
    const path = join(scratch(), 'config', 'Parity', 'config.json');
    new FileSettingsStore(path).update({ theme: 'dark' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ theme: 'dark' });
    expect(mode(path)).toBe(0o600);
    expect(mode(join(path, '..'))).toBe(0o700);
    expect(mode(join(path, '..', '..'))).toBe(0o700);
  });

  it('closes an existing Parity folder and settings file written 0644 by an older version', () => {
    const folder = join(scratch(), 'Parity');
    mkdirSync(folder, { mode: 0o755 });
    chmodSync(folder, 0o755);
    const path = join(folder, 'config.json');
    writeFileSync(path, JSON.stringify({ version: 1, projects: [] }), { mode: 0o644 });
    chmodSync(path, 0o644);
    new FileSettingsStore(path).update({ theme: 'light' });
    expect(mode(path)).toBe(0o600);
    expect(mode(folder)).toBe(0o700);
  });

  it('replaces a symlinked settings file with a file, leaving its target untouched', () => {
    const dir = scratch();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    mkdirSync(join(dir, 'Parity'));
    const path = join(dir, 'Parity', 'config.json');
    symlinkSync(victim, path);
    new FileSettingsStore(path).update({ theme: 'dark' });
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(lstatSync(path).isFile()).toBe(true);
    expect(mode(path)).toBe(0o600);
  });

  it('refuses a settings folder another user owns, writing nothing', () => {
    const dir = scratch();
    const folder = join(dir, 'Parity');
    mkdirSync(folder);
    // As root, a folder given to nobody; as anyone else, root's own /.
    const foreign = process.getuid?.() === 0 ? folder : '/';
    if (foreign === folder) chownSync(folder, 65534, 65534);
    expect(() =>
      new FileSettingsStore(join(foreign, 'config.json')).update({ theme: 'dark' }),
    ).toThrow(/belongs to another user/);
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe('writeFileAtomicSync', () => {
  it("refuses, when asked, a symlink at the path (a repository's file), leaving the target as it was", () => {
    const dir = scratch();
    writeFileSync(join(dir, 'bashrc'), 'original\n');
    symlinkSync('bashrc', join(dir, 'parity.lock'));
    expect(() =>
      writeFileAtomicSync(join(dir, 'parity.lock'), 'x', {
        symlink: 'refuse',
        createFolder: false,
      }),
    ).toThrow(UnsafeWriteError);
    expect(readFileSync(join(dir, 'bashrc'), 'utf8')).toBe('original\n');
    expect(lstatSync(join(dir, 'parity.lock')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['bashrc', 'parity.lock']);
  });

  it.runIf(process.platform !== 'win32')(
    'keeps the mode of a file it replaces when asked, else writes 0600',
    () => {
      const dir = scratch();
      writeFileSync(join(dir, 'kept'), 'a');
      chmodSync(join(dir, 'kept'), 0o640);
      writeFileAtomicSync(join(dir, 'kept'), 'b', { keepMode: true });
      writeFileAtomicSync(join(dir, 'new'), 'c', { keepMode: true });
      expect([mode(join(dir, 'kept')), mode(join(dir, 'new'))]).toEqual([0o640, 0o600]);
    },
  );
});
