import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FileSettingsStore } from '../../../src/main/settings/file-settings-store';
import type { Settings } from '../../../src/shared/settings';
import { describeSettingsStore } from '../settings/store-contract';

// electron-store imports `electron`, whose package (installed without its binary) starts a
// download when required; pointing it at a dist folder makes it return a path instead. Outside
// Electron, electron-store works on an absolute `cwd`, which this store always passes.
process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron-dist';
const { ElectronSettingsStore } = await import('../../../src/main/app/settings-store');

describeSettingsStore(
  'ElectronSettingsStore',
  (path, report) => new ElectronSettingsStore(path, report),
);

it('sees a change the CLI makes while the app runs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parity-settings-'));
  const path = join(dir, 'config.json');
  const app = new ElectronSettingsStore(path, () => undefined);
  try {
    const seen = new Promise<Settings>((resolve) => app.onChange(resolve));
    new FileSettingsStore(path).update({ theme: 'dark' });
    // electron-store polls the file on Linux: within about a second and a half.
    expect((await seen).theme).toBe('dark');
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // The poll's second and a half can stretch on a loaded machine.
}, 15_000);
