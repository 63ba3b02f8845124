// Adopt production value and the Mirror production switch in Debian's Chromium, served by
// `parity serve`, against the real engine, on a copy of test/fixtures/adopt (a laptop stack,
// its Kubernetes manifests with a Secret, an outside host and a production-only service).
// Screenshots go to test-results/.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium } from '../support/browser';
import { runParity, startParityServe, type ServeProcess } from '../support/cli';
import { connectTestEngine, removeProject, uniqueProjectName } from '../support/engine';
import { testSettingsEnv } from '../support/shop';

const FIXTURE = new URL('../fixtures/adopt', import.meta.url).pathname;

describe('Adopt and Mirror production in Chromium against the real engine', () => {
  const name = uniqueProjectName('parity-adopt-mirror');
  const dir = join(mkdtempSync(join(tmpdir(), 'parity-adopt-')), name);
  cpSync(FIXTURE, dir, { recursive: true });
  const composeFile = join(dir, 'compose.yaml');
  const original = readFileSync(composeFile, 'utf8');
  let docker: Docker;
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;
  const pageErrors: string[] = [];

  const running = async (): Promise<string[]> => {
    const list = await docker.listContainers({
      filters: { label: [`com.docker.compose.project=${name}`] },
    });
    return list.map((c) => c.Labels['com.docker.compose.service'] ?? '').sort();
  };
  const status = () =>
    page.getByRole('region', { name: 'Progress' }).getByRole('status').textContent();
  const row = (service: string, path: string): Locator =>
    page
      .getByRole('region', { name: new RegExp(`^${service} \\(`) })
      .getByRole('row')
      .filter({ has: page.locator('.drift-field code', { hasText: new RegExp(`^${path}$`) }) });
  // A container being recreated is briefly absent: no environment then.
  const env = (service: string): Promise<string[]> =>
    docker
      .getContainer(`${name}-${service}-1`)
      .inspect()
      .then(
        (info) => info.Config.Env,
        () => [],
      );
  const mirrorSwitch = () => page.getByRole('switch', { name: 'Mirror production' });

  beforeAll(async () => {
    docker = await connectTestEngine();
    const up = await runParity(['up', '-d', '--wait', '--project-directory', dir]);
    if (up.code !== 0) throw new Error(`parity up failed: ${up.stderr}${up.stdout}`);
    serve = await startParityServe(testSettingsEnv(), [dir]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.url);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (docker) await removeProject(docker, name);
  });

  it('Adopt shows the change to compose.yaml, writes exactly it, and the finding is gone', async () => {
    await page.getByRole('tab', { name: 'Drift' }).click();
    // The tab opens on root causes; the rows are found by service.
    await page.getByRole('radio', { name: 'Service' }).check();
    await row('api', 'env.LOG_LEVEL').waitFor();
    await page
      .getByRole('button', { name: 'Adopt production value of api.env.LOG_LEVEL…' })
      .click();
    const dialog = page.getByRole('dialog', {
      name: 'Adopt production value of api.env.LOG_LEVEL',
    });
    const change = dialog.getByLabel('Change');
    await change.waitFor();
    expect(await change.textContent()).toBe(
      '-       LOG_LEVEL: debug   # keep this comment\n+       LOG_LEVEL: info   # keep this comment',
    );
    expect(await dialog.textContent()).toContain('compose.yaml, line 10:');
    await page.screenshot({ path: `${ARTIFACTS_DIR}adopt-preview.png` });
    expect(readFileSync(composeFile, 'utf8')).toBe(original);

    await dialog.getByRole('button', { name: 'Apply' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row('api', 'env.LOG_LEVEL').waitFor({ state: 'detached' });
    expect(readFileSync(composeFile, 'utf8')).toBe(
      original.replace('LOG_LEVEL: debug   #', 'LOG_LEVEL: info   #'),
    );
    // The other differences are still there.
    expect(await row('api', 'env.CATALOG_URL').count()).toBe(1);
  });

  it('refuses to adopt a value that names a host outside the stack, saying why', async () => {
    await page
      .getByRole('button', { name: 'Adopt production value of api.env.PAYMENTS_URL…' })
      .click();
    const dialog = page.getByRole('dialog', {
      name: 'Adopt production value of api.env.PAYMENTS_URL',
    });
    expect(await dialog.getByRole('alert').textContent()).toMatch(
      /^Cannot adopt: api\.env\.PAYMENTS_URL: names payments\.example\.com/,
    );
    expect(await dialog.getByRole('button', { name: 'Apply' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // No secret is offered at all: production's value of one is never written.
    expect(
      await page
        .getByRole('button', { name: /^Adopt production value of api\.env\.DB_PASSWORD/ })
        .count(),
    ).toBe(0);
    expect(readFileSync(composeFile, 'utf8')).not.toContain('payments.example.com');
  });

  it('the Mirror switch brings the production-only service up, and off takes it down', async () => {
    expect(await running()).toEqual(['api', 'catalog']);
    await mirrorSwitch().click();
    await expect
      .poll(status, { timeout: 60_000 })
      .toBe(`${name} runs production's values (compose.mirror.yaml)`);
    expect(await running()).toEqual(['api', 'catalog', 'search']);
    expect(await page.locator('.project-heading').textContent()).toContain('Mirroring production');
    expect(await mirrorSwitch().isChecked()).toBe(true);
    const mirror = readFileSync(join(dir, 'compose.mirror.yaml'), 'utf8');
    expect(mirror).toMatch(/\n {2}search:\n/);
    expect(mirror).not.toContain('production-secret-value');
    // The laptop's api runs production's values, its own secret kept.
    expect(await env('api')).toEqual(
      expect.arrayContaining([
        'CATALOG_URL=http://catalog:8080/v1',
        'FEATURE_SEARCH=on',
        'DB_PASSWORD=laptop-only',
      ]),
    );
    await page.screenshot({ path: `${ARTIFACTS_DIR}mirror-on.png` });

    // Production changes while the project mirrors it: the override follows, and the stack.
    const manifest = join(dir, 'deploy', 'api.yaml');
    writeFileSync(
      manifest,
      readFileSync(manifest, 'utf8').replace("value: 'on'", "value: 'later'"),
    );
    await expect.poll(() => env('api'), { timeout: 60_000 }).toContain('FEATURE_SEARCH=later');
    expect(readFileSync(join(dir, 'compose.mirror.yaml'), 'utf8')).toContain(
      'FEATURE_SEARCH: "later"',
    );

    await mirrorSwitch().click();
    await expect
      .poll(status, { timeout: 60_000 })
      .toBe(`${name} runs its own stack again; removed ${name}-search-1`);
    expect(await running()).toEqual(['api', 'catalog']);
    expect(await page.locator('.project-heading').textContent()).not.toContain('Mirroring');
    expect(await mirrorSwitch().isChecked()).toBe(false);
    expect(await env('api')).toContain('CATALOG_URL=http://catalog:9999/v1');
    expect(await env('api')).not.toContain('FEATURE_SEARCH=on');
    expect(existsSync(join(dir, 'compose.mirror.yaml'))).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});

// test/fixtures/mirror-trust: production runs the laptop's service privileged. The switch asks
// as Start does, and Cancel leaves the laptop's stack as it was.
describe('the Mirror switch asks for trust in Chromium', () => {
  const name = uniqueProjectName('parity-mirror-trust');
  const dir = join(mkdtempSync(join(tmpdir(), 'parity-mirror-trust-')), name);
  cpSync(new URL('../fixtures/mirror-trust', import.meta.url).pathname, dir, { recursive: true });
  let docker: Docker;
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;

  beforeAll(async () => {
    docker = await connectTestEngine();
    serve = await startParityServe(testSettingsEnv(), [dir]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(serve.url);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (docker) await removeProject(docker, name);
  });

  it('shows what production asks of the host, and Cancel leaves the switch off', async () => {
    const toggle = page.getByRole('switch', { name: 'Mirror production' });
    await toggle.click();
    const dialog = page.getByRole('dialog', { name: `Trust ${name} and start it?` });
    await dialog.waitFor();
    const asks = (await dialog.getByRole('listitem').allTextContents()).join('\n');
    expect(asks).toMatch(/privileged/);
    expect(asks).toMatch(/SYS_PTRACE/);
    await page.screenshot({ path: `${ARTIFACTS_DIR}mirror-trust-dialog.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Progress' }).getByRole('status').textContent())
      .toBe("Not trusted; the laptop's own stack keeps running");
    expect(await toggle.isChecked()).toBe(false);
    expect(await page.locator('.project-heading').textContent()).not.toContain('Mirroring');
    expect(existsSync(join(dir, 'compose.mirror.yaml'))).toBe(false);
    const created = await docker.listContainers({
      all: true,
      filters: { label: [`com.docker.compose.project=${name}`] },
    });
    expect(created).toEqual([]);
  });
});
