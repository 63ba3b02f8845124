// The Logs and Drift tabs in Debian's Chromium, served by `parity serve`, against the real
// engine: a copy of examples/shop runs; its merged log is read, searched and filtered; its
// drift report shows the example's designed differences (examples/shop/DRIFT.md) with both
// positions, and one is accepted into the copy's parity.yaml. Screenshots go to test-results/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium } from '../support/browser';
import { runParity, startParityServe, type ServeProcess } from '../support/cli';
import { connectTestEngine, uniqueProjectName } from '../support/engine';
import { copyShop, removeShop, testSettingsEnv } from '../support/shop';

const SERVICES = ['api', 'web', 'worker'];

/** Runs a command in a service's container and waits for it to end. */
async function exec(docker: Docker, container: string, cmd: string[]): Promise<void> {
  const run = await docker.getContainer(container).exec({ Cmd: cmd });
  const stream = await run.start({});
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
    stream.resume();
  });
}

describe('the Logs and Drift tabs in Chromium against the real engine', () => {
  const name = uniqueProjectName('parity-logs-drift');
  const dir = copyShop(name);
  const parityYaml = join(dir, 'parity.yaml');
  const original = readFileSync(parityYaml, 'utf8');
  let docker: Docker;
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;
  const pageErrors: string[] = [];

  const log = (): Locator => page.getByRole('log', { name: `Log of ${name}` });
  const sources = async (): Promise<string[]> => [
    ...new Set(await log().locator('.log-source').allTextContents()),
  ];
  const rows = (): Promise<string[]> => log().locator('.log-row').allTextContents();

  beforeAll(async () => {
    docker = await connectTestEngine();
    const up = await runParity(['up', '-d', '--wait', '--project-directory', dir]);
    if (up.code !== 0) throw new Error(`parity up failed: ${up.stderr}${up.stdout}`);
    // The api's httpd logs nothing by itself: have it say something, on its own stdout.
    await exec(docker, `${name}-api-1`, [
      'sh',
      '-c',
      'echo "api: ready for orders" > /proc/1/fd/1; printf "\\033[1;32mapi: coloured\\033[0m\\n" > /proc/1/fd/1',
    ]);
    // web's httpd logs each request: ask it for its page.
    const web = await docker.getContainer(`${name}-web-1`).inspect();
    const port = web.NetworkSettings.Ports['8080/tcp']?.[0]?.HostPort;
    await fetch(`http://127.0.0.1:${port}/`).then((response) => response.text());
    serve = await startParityServe(testSettingsEnv(), [dir]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.url);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (docker) await removeShop(docker, name);
  });

  it('shows the lines of every service in one stream, coloured per service', async () => {
    await page.getByRole('tab', { name: 'Logs' }).click();
    await log().waitFor();
    await expect
      .poll(sources, { timeout: 20_000 })
      .toEqual(expect.arrayContaining(SERVICES.map((s) => `${s}-1`)));
    expect(await rows()).toContain('api-1api: ready for orders');
    const coloured = log().locator('.log-row', { hasText: 'api: coloured' }).locator('.ansi-fg-2');
    expect(await coloured.textContent()).toBe('api: coloured');
    const hues = await Promise.all(
      SERVICES.map((s) =>
        log()
          .locator('.log-source', { hasText: `${s}-1` })
          .first()
          .getAttribute('style'),
      ),
    );
    expect(new Set(hues).size).toBe(SERVICES.length);
    expect(Number(await log().getAttribute('data-lines-received'))).toBeGreaterThan(2);
    await page.screenshot({ path: `${ARTIFACTS_DIR}logs.png` });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${ARTIFACTS_DIR}logs-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('searches by text and by regex, with highlighted matches and a count', async () => {
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('orders');
    // The search runs once typing pauses: until then every line shows.
    const matching = async (): Promise<boolean> => {
      const shown = await rows();
      return shown.length > 1 && shown.every((row) => row.toLowerCase().includes('orders'));
    };
    await expect.poll(matching).toBe(true);
    const status = page.locator('.logs-search-status');
    await expect.poll(() => status.textContent()).toMatch(/^\d+ match(es)?$/);
    expect(await log().locator('mark').first().textContent()).toBe('orders');
    await search.fill('/^worker: orders \\{/');
    await expect
      .poll(async () => (await rows()).every((row) => row.startsWith('worker-1worker: orders {')))
      .toBe(true);
    await search.fill('/orders(/');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/^Invalid regular expression/);
    await page.screenshot({ path: `${ARTIFACTS_DIR}logs-search.png` });
    await search.fill('');
  });

  it('filters to one service', async () => {
    const services = page.getByRole('group', { name: 'Services' });
    await services.getByRole('checkbox', { name: 'api' }).uncheck();
    await services.getByRole('checkbox', { name: 'web' }).uncheck();
    await expect.poll(sources, { timeout: 10_000 }).toEqual(['worker-1']);
    await page.screenshot({ path: `${ARTIFACTS_DIR}logs-one-service.png` });
    await services.getByRole('checkbox', { name: 'api' }).check();
    await services.getByRole('checkbox', { name: 'web' }).check();
  });

  it("shows the example's designed differences with both positions", async () => {
    await page.getByRole('tab', { name: 'Drift' }).click();
    const summary = page.getByLabel('Drift summary');
    await summary.waitFor();
    // DRIFT.md: 24 differences, web.image accepted, api.env.LOG_LEVEL ignored, worker's
    // env.API_URL expected; and the published ports of web and api (T01, T02) expected on
    // their Service and outside layers.
    // 21 open findings; five limits and requests production sets on web and api alike are
    // one line each: 16 to fix.
    expect(await summary.textContent()).toBe(
      '0 services dev-only, 1 prod-only, 16 drifts to fix (0 errors), 7 covered',
    );
    // Led by root causes (the shop has none): one row per drift to fix, once the covered
    // ones are filtered out; the CPU requests one row whose count unfolds them.
    const statuses = page.getByRole('group', { name: 'Status' });
    for (const status of ['accepted', 'ignored', 'expected']) {
      await statuses.getByRole('checkbox', { name: status }).uncheck();
    }
    const differences = page.getByRole('region', { name: /^Differences \(/ });
    expect(await differences.locator('tbody:not([hidden]) > tr').count()).toBe(16);
    const requests = differences.getByRole('button', {
      name: 'resources.requests.cpus ×2 (web, api)',
    });
    expect(await requests.getAttribute('aria-expanded')).toBe('false');
    await requests.focus();
    await page.keyboard.press('Enter');
    expect(await requests.getAttribute('aria-expanded')).toBe('true');
    expect(await differences.locator('tbody:not([hidden]) > tr').count()).toBe(18);
    await page.screenshot({ path: `${ARTIFACTS_DIR}drift-roots.png`, fullPage: true });
    for (const status of ['accepted', 'ignored', 'expected']) {
      await statuses.getByRole('checkbox', { name: status }).check();
    }
    await page.getByRole('radio', { name: 'Service' }).check();
    const row = (service: string, path: string): Locator =>
      page
        .getByRole('region', { name: new RegExp(`^${service} \\(`) })
        .getByRole('row')
        .filter({ has: page.locator('.drift-field code', { hasText: new RegExp(`^${path}$`) }) });
    const cells = (service: string, path: string) =>
      row(service, path).getByRole('cell').allTextContents();

    const url = await cells('web', 'env.PUBLIC_URL');
    expect(url[2]).toMatch(/^http:\/\/127\.0\.0\.1:18080compose\.yaml:17:\d+$/);
    expect(url[3]).toMatch(/^https:\/\/shop\.example\.comdeploy\/k8s\/web\.yaml:3[01]:\d+$/);
    const key = await cells('api', 'env.PAYMENT_API_KEY');
    expect(key[2]).toMatch(/^differscompose\.yaml:32:\d+$/);
    expect(key[3]).toMatch(/^differsdeploy\/k8s\/api\.yaml:3\d:\d+$/);
    const tag = await cells('worker', 'image.tag');
    expect([tag[2], tag[3]]).toEqual([
      expect.stringMatching(/^1\.37compose\.yaml:45:\d+$/),
      expect.stringMatching(/^1\.36\.1deploy\/k8s\/worker\.yaml:26:\d+$/),
    ]);
    const redis = await cells('redis', 'service');
    expect(redis[2]).toBe('absent');
    expect(redis[3]).toMatch(/deploy\/k8s\/redis\.yaml:\d+:\d+$/);
    expect(await row('web', 'image').textContent()).toContain('acceptedbuilt from source locally');
    expect(await row('api', 'env.LOG_LEVEL').textContent()).toContain('ignored');
    expect(await page.content()).not.toContain('dev-payment-key-not-secret');
    await page.screenshot({ path: `${ARTIFACTS_DIR}drift.png`, fullPage: true });

    await page.getByRole('radio', { name: 'Category' }).check();
    await page.getByRole('region', { name: /^env \(/ }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS_DIR}drift-by-category.png`, fullPage: true });
    await page.getByRole('radio', { name: 'Service' }).check();
  });

  it('accepts a difference with a reason into parity.yaml, keeping its comments', async () => {
    await page.getByRole('button', { name: 'Accept web.env.PUBLIC_URL…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Accept web.env.PUBLIC_URL' });
    await dialog.getByRole('button', { name: 'Accept' }).click();
    expect(await dialog.getByRole('alert').textContent()).toBe(
      'Say why this difference is acceptable.',
    );
    await dialog.getByRole('textbox', { name: 'Reason (required)' }).fill('loopback URL in dev');
    await dialog.getByLabel('Expires (optional)').fill('2031-01-31');
    await page.screenshot({ path: `${ARTIFACTS_DIR}drift-accept.png` });
    await dialog.getByRole('button', { name: 'Accept' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page
      .getByRole('region', { name: /^web \(/ })
      .getByRole('row')
      .filter({ has: page.locator('.drift-field code', { hasText: /^env\.PUBLIC_URL$/ }) });
    expect(await row.textContent()).toContain('acceptedloopback URL in dev');
    expect(await page.getByLabel('Drift summary').textContent()).toBe(
      '0 services dev-only, 1 prod-only, 15 drifts to fix (0 errors), 8 covered',
    );

    const written = readFileSync(parityYaml, 'utf8');
    for (const line of original.split('\n')) expect(written).toContain(line);
    expect(written).toMatch(/web\.env\.PUBLIC_URL/);
    expect(written).toContain('loopback URL in dev');
    expect(written).toContain('2031-01-31');
    await page.screenshot({ path: `${ARTIFACTS_DIR}drift-accepted.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${ARTIFACTS_DIR}drift-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('breaks no CSP rule and logs no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
