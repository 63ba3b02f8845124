import { describe, expect, it } from 'vitest';
import { migrateSettings } from '../../../src/main/settings/migrate-settings';
import { defaultSettings } from '../../../src/shared/settings';

describe('migrateSettings', () => {
  it('takes version 2 as it is', () => {
    const settings = { ...defaultSettings(), theme: 'light' };
    expect(migrateSettings(settings)).toEqual(settings);
  });

  it('carries a version 1 file over: folders become projects, dockerHost the endpoint', () => {
    expect(
      migrateSettings({
        version: 1,
        projects: ['/srv/shop', '/srv/blog', '/srv/shop'],
        dockerHost: 'tcp://10.0.0.5:2376',
        theme: 'light',
        openAtLogin: true,
      }),
    ).toEqual({
      version: 2,
      projects: [
        { directory: '/srv/shop', startAtLogin: false },
        { directory: '/srv/blog', startAtLogin: false },
      ],
      engineEndpoint: 'tcp://10.0.0.5:2376',
      logRingSize: defaultSettings().logRingSize,
      theme: 'light',
      startAtLogin: true,
    });
  });

  it('fills what version 1 left out with defaults', () => {
    expect(migrateSettings({ version: 1, projects: [] })).toEqual(defaultSettings());
  });

  it.each([
    [null, 'not a settings object'],
    [[], 'not a settings object'],
    ['{}', 'not a settings object'],
    [{}, 'no "version"'],
    [{ version: '2' }, '"version" must be a whole number (found "2")'],
    [{ version: 0 }, '"version" must be a whole number (found the number 0)'],
    [{ ...defaultSettings(), version: 7 }, 'written by a newer Parity (settings version 7'],
    [{ version: 1, projects: 'shop' }, 'projects must be an array (found "shop")'],
    [{ version: 1, projects: [], extra: true }, 'unknown key "extra"'],
    [{ ...defaultSettings(), theme: 'blue' }, 'theme must be one of "system", "light", "dark"'],
    [
      { ...defaultSettings(), projects: [{ directory: '/x' }] },
      'projects.0.startAtLogin is missing',
    ],
    [{ ...defaultSettings(), logRingSize: 10_000_000 }, 'logRingSize must be at most 1000000'],
  ])('refuses %j, saying why', (raw, reason) => {
    expect(() => migrateSettings(raw)).toThrow(reason);
  });
});
