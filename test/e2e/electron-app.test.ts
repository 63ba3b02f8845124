import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

// The Electron binary comes from electron's own download host, which machines without it (CI
// here) cannot reach. The same renderer and API are covered in Chromium through parity serve
// (stacks-ui.test.ts); this test runs wherever the binary exists. The package is not required
// to find it: requiring it starts a download.
function electronBinary(): string | null {
  const packageDir = new URL('../../node_modules/electron/', import.meta.url).pathname;
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (binary === null) {
  console.warn(
    'SKIPPED electron-app.test.ts: no Electron binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD); ' +
      'the UI is tested through parity serve in Chromium instead',
  );
}

describe.skipIf(binary === null)('the Electron app', () => {
  it('opens a sandboxed window that lists the engine stacks', async () => {
    const app = await electron.launch({ executablePath: binary!, args: ['.'] });
    try {
      const window = await app.firstWindow();
      await window.getByRole('heading', { name: 'Parity' }).waitFor();
      expect(
        await window.evaluate(() => typeof (globalThis as { require?: unknown }).require),
      ).toBe('undefined');
      await window.getByText(/^Engine: /).waitFor();
    } finally {
      await app.close();
    }
  });
});
