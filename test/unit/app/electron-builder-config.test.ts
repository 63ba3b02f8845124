import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_ID } from '../../../src/main/app/app-id';

const ROOT = new URL('../../../', import.meta.url).pathname;
const config = parse(readFileSync(`${ROOT}electron-builder.yml`, 'utf8')) as {
  appId: string;
  icon: string;
  extraResources: { from: string; to: string }[];
  linux: { target: string[] };
  mac: { target: string };
  win: { target: string };
};

// electron-builder checks its configuration only when it packages, which needs Electron's
// binary; its own validator (not a public export) checks the file here, offline.
type Validate = (config: unknown, log: { isEnabled: boolean; add(): void }) => Promise<void>;
const { validateConfiguration } = createRequire(import.meta.url)(
  'app-builder-lib/out/util/config/config.js',
) as { validateConfiguration: Validate };

describe('electron-builder.yml', () => {
  // Loading the validator's schema takes seconds on a busy two-core machine.
  it("fits electron-builder's schema", { timeout: 30_000 }, async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBe(
      undefined,
    );
  });

  it('packages AppImage and deb, dmg, nsis, with icons that exist', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
    expect(existsSync(`${ROOT}${config.icon}`)).toBe(true);
    // tray.ts reads the tray icons from resources/tray when packaged.
    expect(config.extraResources).toContainEqual(
      expect.objectContaining({ from: 'assets/tray', to: 'tray' }),
    );
  });

  it('names the app id the running app gives Windows for its notifications', () => {
    expect(config.appId).toBe(APP_ID);
  });
});
