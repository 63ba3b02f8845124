import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../src/shared/settings';
import type { SettingsRecovery } from '../../../src/main/settings/settings-file';
import type { SettingsStore } from '../../../src/main/settings/settings-store';

/** Makes a store over `path` that reports recoveries to `report`. */
export type StoreFactory = (
  path: string,
  report: (recovery: SettingsRecovery) => void,
) => SettingsStore & { close?(): void };

const V1_FILE = {
  version: 1,
  projects: ['/home/ada/shop', '/home/ada/blog', '/home/ada/shop'],
  dockerHost: 'ssh://ada@build-box',
  theme: 'dark',
  openAtLogin: true,
};

/** The behaviour both settings stores promise, run against one of them. */
export function describeSettingsStore(name: string, makeStore: StoreFactory): void {
  describe(name, () => {
    let dir: string;
    let path: string;
    let recoveries: SettingsRecovery[];
    const stores: { close?(): void }[] = [];
    const open = (): SettingsStore => {
      const store = makeStore(path, (recovery) => recoveries.push(recovery));
      stores.push(store);
      return store;
    };
    const onDisk = (): unknown => JSON.parse(readFileSync(path, 'utf8'));

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'parity-settings-'));
      path = join(dir, 'Parity', 'config.json');
      recoveries = [];
    });
    afterEach(() => {
      for (const store of stores.splice(0)) store.close?.();
      rmSync(dir, { recursive: true, force: true });
    });

    it('starts from defaults on a first run', () => {
      expect(open().read()).toEqual(defaultSettings());
      // The app's store writes them at once (its file watcher needs a file), the CLI's later.
      if (existsSync(path)) expect(onDisk()).toEqual(defaultSettings());
      expect(recoveries).toEqual([]);
    });

    it('round-trips settings and projects through the file', () => {
      const store = open();
      store.update({ theme: 'dark', logRingSize: 500, engineEndpoint: 'tcp://127.0.0.1:2375' });
      store.setProjects([{ directory: '/home/ada/shop', startAtLogin: true }]);
      const expected: Settings = {
        ...defaultSettings(),
        theme: 'dark',
        logRingSize: 500,
        engineEndpoint: 'tcp://127.0.0.1:2375',
        projects: [{ directory: '/home/ada/shop', startAtLogin: true }],
      };
      expect(open().read()).toEqual(expected);
      expect(onDisk()).toEqual(expected);
      // electron-store's format, whichever store wrote it.
      expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(expected, null, '\t'));
      // The lock and temporary files are gone.
      expect(readdirSync(join(dir, 'Parity'))).toEqual(['config.json']);
    });

    it.runIf(process.platform !== 'win32')(
      "writes the file 0600 in a folder 0700: the user's alone",
      () => {
        const store = open();
        store.update({ theme: 'dark' });
        store.setProjects([{ directory: '/home/ada/shop', startAtLogin: false }]);
        expect(statSync(path).mode & 0o777).toBe(0o600);
        expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
      },
    );

    it('keeps what another store wrote when it changes something else', () => {
      const first = open();
      const second = open();
      first.update({ theme: 'light' });
      second.update({ startAtLogin: true });
      expect(first.read()).toMatchObject({ theme: 'light', startAtLogin: true });
    });

    it('migrates a version 1 file and writes it back as version 2', () => {
      writeFile(V1_FILE);
      const expected: Settings = {
        version: 2,
        projects: [
          { directory: '/home/ada/shop', startAtLogin: false },
          { directory: '/home/ada/blog', startAtLogin: false },
        ],
        engineEndpoint: 'ssh://ada@build-box',
        logRingSize: defaultSettings().logRingSize,
        theme: 'dark',
        startAtLogin: true,
      };
      expect(open().read()).toEqual(expected);
      expect(onDisk()).toEqual(expected);
      expect(recoveries).toEqual([]);
    });

    it.each([
      ['corrupt JSON', '{"version": 2, "projects": [', /not valid JSON/],
      ['a file without a version', JSON.stringify({ projects: [] }), /no "version"/],
      [
        'an invalid value',
        JSON.stringify({ ...defaultSettings(), logRingSize: 5 }),
        /logRingSize must be at least 100 \(found the number 5\)/,
      ],
      [
        'a file from a newer Parity',
        JSON.stringify({ ...defaultSettings(), version: 3 }),
        /newer Parity \(settings version 3/,
      ],
    ])('keeps %s aside as a backup and starts from defaults', (_, content, reason) => {
      writeFile(content);
      const store = open();
      expect(store.read()).toEqual(defaultSettings());
      expect(recoveries).toHaveLength(1);
      const [recovery] = recoveries;
      expect(recovery?.reason).toMatch(reason);
      expect(recovery?.backupPath).toMatch(/config\.json\.bad-\d{4}-\d\d-\d\dT[\d-]+Z$/);
      expect(readFileSync(recovery!.backupPath, 'utf8')).toBe(content);
      // Reported once; the next change starts a good file.
      expect(store.read()).toEqual(defaultSettings());
      store.update({ theme: 'light' });
      expect(recoveries).toHaveLength(1);
      expect(onDisk()).toMatchObject({ version: 2, theme: 'light' });
    });

    it('refuses an invalid patch with a clear message and changes nothing', () => {
      const store = open();
      store.update({ theme: 'dark' });
      const before = readFileSync(path, 'utf8');
      const bad =
        (patch: unknown): (() => void) =>
        () =>
          store.update(patch as never);
      expect(bad({ logRingSize: 5 })).toThrow(
        'Settings not changed: logRingSize must be at least 100 (found the number 5)',
      );
      expect(bad({ logRingSize: 2.5 })).toThrow(/logRingSize must be a whole number/);
      expect(bad({ theme: 'blue' })).toThrow(
        'Settings not changed: theme must be one of "system", "light", "dark" (found "blue")',
      );
      expect(bad({ colour: 'red' })).toThrow('Settings not changed: unknown key "colour"');
      expect(bad({ version: 1 })).toThrow(/unknown key "version"/);
      expect(bad({ engineEndpoint: '' })).toThrow(/engineEndpoint must not be empty/);
      expect(bad({ startAtLogin: 'yes' })).toThrow(
        /startAtLogin must be a boolean \(found "yes"\)/,
      );
      expect(readFileSync(path, 'utf8')).toBe(before);
    });

    it('refuses a relative or repeated project folder', () => {
      const store = open();
      expect(() => store.setProjects([{ directory: 'shop', startAtLogin: false }])).toThrow(
        'Projects not changed: "shop" is not an absolute folder path',
      );
      const twice = [
        { directory: '/srv/shop', startAtLogin: false },
        { directory: '/srv/shop', startAtLogin: true },
      ];
      expect(() => store.setProjects(twice)).toThrow('"/srv/shop" is listed twice');
      expect(() => store.setProjects([{ directory: '/srv/shop' } as never])).toThrow(
        /0\.startAtLogin is missing/,
      );
      expect(store.read().projects).toEqual([]);
    });

    it('tells listeners about its changes', () => {
      const store = open();
      const seen: Settings[] = [];
      const stop = store.onChange((settings) => seen.push(settings));
      store.update({ theme: 'dark' });
      stop();
      store.update({ theme: 'light' });
      expect(seen.map((s) => s.theme)).toEqual(['dark']);
    });

    function writeFile(content: unknown): void {
      const text = typeof content === 'string' ? content : JSON.stringify(content);
      mkdirSync(join(dir, 'Parity'), { recursive: true });
      writeFileSync(path, text);
    }
  });
}
