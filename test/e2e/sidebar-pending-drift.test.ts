// The sidebar's drift count in Debian's Chromium, through `parity serve DIR`: the project's
// production is a kustomization, rendered by a stand-in kustomize that waits until the test
// lets it run the real one (kubectl kustomize). The list appears at once with a neutral
// "checking…", and the number replaces it when the render is done, pushed, with no reload.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium } from '../support/browser';
import { startParityServe, type ServeProcess } from '../support/cli';
import { uniqueProjectName } from '../support/engine';
import { makeProject } from '../support/project-dir';
import { testSettingsEnv } from '../support/shop';
import { KUSTOMIZE_PROJECT } from '../unit/drift/kubernetes/kustomize-fixture';

describe('the sidebar while a drift count is computed, in Chromium', () => {
  const work = mkdtempSync(join(tmpdir(), 'parity-pending-ui-'));
  const release = join(work, 'release');
  const name = uniqueProjectName('parity-pending');
  const dir = makeProject(name, KUSTOMIZE_PROJECT);
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;

  const item = () =>
    page
      .getByRole('navigation', { name: 'Projects' })
      .getByRole('button', { name: new RegExp(`^${name}`) });

  beforeAll(async () => {
    // kustomize build DIR: waits for the release file, then renders as the real tool does.
    const bin = join(work, 'bin');
    const kustomize = join(bin, 'kustomize');
    mkdirSync(bin);
    writeFileSync(
      kustomize,
      `#!/bin/sh\nwhile [ ! -e '${release}' ]; do sleep 0.1; done\nexec kubectl kustomize "$2"\n`,
    );
    chmodSync(kustomize, 0o755);
    serve = await startParityServe(
      {
        ...testSettingsEnv(),
        PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        PARITY_CACHE_DIR: join(work, 'cache'),
        PARITY_LOAD_TIME_LIMIT_MS: '120000',
      },
      [dir],
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(serve.url);
  });
  afterAll(async () => {
    writeFileSync(release, '');
    await browser?.close();
    await serve?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('lists the project with "checking…", then shows its count when the render is done', async () => {
    await item().waitFor();
    expect(await item().textContent()).toContain('stopped');
    expect(await item().textContent()).toContain('checking…');
    expect(await item().textContent()).not.toMatch(/\d+ drifts?/);
    await page.screenshot({ path: `${ARTIFACTS_DIR}sidebar-drift-pending.png` });

    writeFileSync(release, '');
    await item()
      .filter({ hasText: /\d+ drifts?/ })
      .waitFor({ timeout: 60_000 });
    const text = (await item().textContent()) ?? '';
    expect(Number(/(\d+) drifts?/.exec(text)?.[1])).toBeGreaterThan(0);
    expect(text).not.toContain('checking');
    expect(await item().locator('.project-problem').count()).toBe(0);
  });
});
