// The project UI in Debian's Chromium, served by `parity serve`, against the real engine: a copy
// of examples/shop is started, stopped in part and taken down from the page, with screenshots
// of each screen in test-results/.
import { basename } from 'node:path';
import type Docker from 'dockerode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium } from '../support/browser';
import { startParityServe, type ServeProcess } from '../support/cli';
import { connectTestEngine, uniqueProjectName } from '../support/engine';
import { copyShop, removeShop, testSettingsEnv } from '../support/shop';

const SERVICES = ['api', 'web', 'worker'];

async function openPage(browser: Browser, url: string, errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return page;
}

describe('the project UI in Chromium, served by parity serve, against the real engine', () => {
  const name = uniqueProjectName('parity-ui');
  const dir = copyShop(name);
  let docker: Docker;
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;
  const pageErrors: string[] = [];

  const node = (service: string) =>
    page.getByRole('button', { name: new RegExp(`^Service ${service},`) });
  const nodeLabel = (service: string) => node(service).getAttribute('aria-label');
  const progressStatus = () =>
    page.getByRole('region', { name: 'Progress' }).getByRole('status').textContent();

  beforeAll(async () => {
    docker = await connectTestEngine();
    serve = await startParityServe(testSettingsEnv(), [dir]);
    browser = await launchChromium();
    page = await openPage(browser, serve.url, pageErrors);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (docker) await removeShop(docker, name);
  });

  it('lists the project, stopped, with its graph of services and dependencies', async () => {
    const item = page
      .getByRole('navigation', { name: 'Projects' })
      .getByRole('button', { name: new RegExp(`^${name}`) });
    await item.waitFor();
    expect(await item.textContent()).toContain('stopped');
    expect(await item.getAttribute('aria-current')).toBe('page');
    for (const service of SERVICES) {
      expect(await nodeLabel(service)).toBe(`Service ${service}, not created`);
    }
    const edges = await page.locator('.graph-edge').allTextContents();
    expect(edges.sort()).toEqual(['service_healthy', 'service_started']);
    await page.screenshot({ path: `${ARTIFACTS_DIR}project-stopped.png` });
  });

  it('zooms with the wheel, pans by dragging the background and fits with F', async () => {
    const viewport = page.getByRole('group', { name: 'Service graph' });
    const zoom = page.getByLabel('Zoom level');
    const canvas = page.locator('.graph-canvas');
    const fitted = await canvas.getAttribute('style');
    const box = await viewport.boundingBox();
    if (!box) throw new Error('the graph has no box');
    await page.mouse.move(box.x + 40, box.y + 40);
    await page.mouse.wheel(0, -400);
    await expect.poll(() => zoom.textContent()).not.toBe('100%');
    await page.mouse.wheel(0, 400);
    await page.mouse.move(box.x + 30, box.y + box.height - 30);
    await page.mouse.down();
    await page.mouse.move(box.x + 130, box.y + box.height - 90, { steps: 5 });
    await page.mouse.up();
    expect(await canvas.getAttribute('style')).not.toBe(fitted);
    await page.locator('body').press('f');
    await expect.poll(() => canvas.getAttribute('style')).toBe(fitted);
  });

  it('starts the stack from the toolbar and every node turns running, the API healthy', async () => {
    await page
      .getByRole('group', { name: 'Project actions' })
      .getByRole('button', { name: 'Start', exact: true })
      .click();
    const progress = page.getByRole('region', { name: 'Progress' });
    await progress.waitFor();
    await expect
      .poll(() => progress.getByRole('status').textContent(), { timeout: 120_000 })
      .toBe(`${name} is up`);
    await expect.poll(() => nodeLabel('api')).toBe('Service api, running, healthy');
    await expect.poll(() => nodeLabel('web')).toBe('Service web, running');
    await expect.poll(() => nodeLabel('worker')).toBe('Service worker, running');
    const progressText = await progress.textContent();
    for (const service of SERVICES) expect(progressText).toContain(service);
    const link = page.locator('[data-service="web"]').getByRole('link');
    expect(await link.getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const sidebar = page.getByRole('navigation', { name: 'Projects' });
    await expect
      .poll(() => sidebar.getByRole('button', { name: new RegExp(`^${name}`) }).textContent())
      .toContain('3/3 running');
    await page.screenshot({ path: `${ARTIFACTS_DIR}project-running.png` });
  }, 150_000);

  it('shows a service in its details panel, its secret masked', async () => {
    await node('api').click();
    const details = page.getByRole('complementary', { name: 'Service api details' });
    await details.waitFor();
    expect(await details.getByRole('row', { name: /PAYMENT_API_KEY/ }).textContent()).toContain(
      '••••••',
    );
    expect(await details.textContent()).toContain(
      'wget -q -O - http://127.0.0.1:8081/cgi-bin/health',
    );
    expect(await page.content()).not.toContain('dev-payment-key-not-secret');
    await page.screenshot({ path: `${ARTIFACTS_DIR}service-details.png` });
  });

  it('stops one service from its node, and the graph follows within a second', async () => {
    await node('worker').click();
    const details = page.getByRole('complementary', { name: 'Service worker details' });
    await details.getByRole('button', { name: 'Stop worker' }).click();
    await expect
      .poll(() => progressStatus(), { timeout: 20_000 })
      .toBe('worker stopped; its container is kept');
    await expect.poll(() => nodeLabel('worker'), { timeout: 1000 }).toBe('Service worker, exited');
    expect(await nodeLabel('api')).toBe('Service api, running, healthy');
  });

  it('removes the stopped service after a confirmation, then scales it to two containers', async () => {
    const details = page.getByRole('complementary', { name: 'Service worker details' });
    await details.getByRole('button', { name: 'Remove worker' }).click();
    await details.getByRole('button', { name: 'Remove its container of worker' }).click();
    await expect
      .poll(() => progressStatus(), { timeout: 20_000 })
      .toBe(`Removed ${name}-worker-1; named volumes kept`);
    await expect.poll(() => nodeLabel('worker')).toBe('Service worker, not created');
    await details.getByRole('spinbutton', { name: 'Replicas of worker' }).fill('2');
    await details.getByRole('button', { name: 'Scale worker' }).click();
    await expect.poll(() => progressStatus(), { timeout: 30_000 }).toBe('worker runs 2 containers');
    await expect
      .poll(() => details.locator('.details-containers li').allTextContents())
      .toEqual([
        expect.stringContaining(`${name}-worker-1`),
        expect.stringContaining(`${name}-worker-2`),
      ]);
    await page.screenshot({ path: `${ARTIFACTS_DIR}service-scaled.png` });
  }, 60_000);

  it('follows a container stopped outside Parity', async () => {
    await docker.getContainer(`${name}-web-1`).stop({ t: 1 });
    await expect.poll(() => nodeLabel('web'), { timeout: 1000 }).toBe('Service web, exited');
    await page.screenshot({ path: `${ARTIFACTS_DIR}project-partial.png` });
  });

  it('runs a quick action, its command shown before the first run, and shows its output', async () => {
    await page.getByRole('button', { name: 'Quick actions' }).click();
    await page.getByRole('button', { name: 'API health in api' }).click();
    const confirm = page.getByRole('dialog', { name: 'Run API health?' });
    await confirm.waitFor();
    expect(await confirm.getByLabel('Command').textContent()).toBe(
      'wget -q -O - http://127.0.0.1:8081/cgi-bin/health',
    );
    await confirm.getByRole('button', { name: 'Run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Output of API health' });
    await dialog.waitFor({ timeout: 20_000 });
    expect(await dialog.getByLabel('Output').textContent()).toContain('"status":"ok"');
    expect(await dialog.textContent()).toContain('Exit code 0');
    await page.screenshot({ path: `${ARTIFACTS_DIR}quick-action.png` });
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('shows the Logs and Drift tabs, switched with 2 and 3, and a dark theme', async () => {
    await page.locator('body').press('2');
    expect(await page.getByRole('tab', { name: 'Logs' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    // The worker's earlier lines arrive through logs.subscribe; the screenshot waits for them.
    await page
      .getByText(/worker: orders/)
      .first()
      .waitFor({ timeout: 5000 })
      .catch(() => undefined);
    await page.screenshot({ path: `${ARTIFACTS_DIR}project-logs.png` });
    await page.locator('body').press('3');
    expect(await page.getByRole('tab', { name: 'Drift' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await page.screenshot({ path: `${ARTIFACTS_DIR}project-drift.png` });
    await page.locator('body').press('1');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${ARTIFACTS_DIR}project-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('takes the stack down after a confirmation that names what is kept', async () => {
    await page
      .getByRole('group', { name: 'Project actions' })
      .getByRole('button', { name: 'Down' })
      .click();
    const dialog = page.getByRole('dialog', { name: `Down ${name}?` });
    expect(await dialog.textContent()).toContain('Kept: named volumes (worker-data)');
    const deleteVolumes = dialog.getByRole('checkbox', { name: 'Also delete volumes' });
    expect(await deleteVolumes.isChecked()).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS_DIR}down-dialog.png` });
    await dialog.getByRole('button', { name: 'Down', exact: true }).click();
    await expect
      .poll(() => progressStatus(), { timeout: 30_000 })
      .toMatch(/^Removed 4 containers, 1 network; named volumes kept$/);
    for (const service of SERVICES) {
      await expect.poll(() => nodeLabel(service)).toBe(`Service ${service}, not created`);
    }
    // The named volume is still there.
    expect((await docker.getVolume(`${name}_worker-data`).inspect()).Name).toBe(
      `${name}_worker-data`,
    );
  }, 60_000);

  it('takes the token out of the address bar and breaks no CSP rule', () => {
    expect(page.url()).not.toContain('token');
    expect(pageErrors).toEqual([]);
  });

  it('refuses a folder that is no project, then removes the project after confirmation', async () => {
    const field = page.getByRole('textbox', { name: 'Project folder' });
    await field.fill('/nonexistent/parity-folder');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const error = page.getByRole('form', { name: 'Add a project' }).getByRole('alert');
    expect(await error.textContent()).toBe('/nonexistent/parity-folder does not exist');
    await page.screenshot({ path: `${ARTIFACTS_DIR}add-project-error.png` });
    await page.getByRole('button', { name: `Remove ${basename(dir)}` }).click();
    const dialog = page.getByRole('dialog', { name: `Remove ${name} from Parity?` });
    expect(await dialog.textContent()).toContain('containers and volumes are untouched');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('region', { name: 'No projects' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS_DIR}no-projects.png` });
  });
});

describe('the UI when the engine cannot be reached', () => {
  it('shows where it looked and what to do, with the project still listed', async () => {
    const name = uniqueProjectName('parity-ui-off');
    const serve = await startParityServe(
      { ...testSettingsEnv(), DOCKER_HOST: 'unix:///nonexistent.sock' },
      [copyShop(name)],
    );
    const browser = await launchChromium();
    try {
      const errors: string[] = [];
      const page = await openPage(browser, serve.url, errors);
      const banner = page.getByRole('alert', { name: 'Docker engine unreachable' });
      await banner.waitFor();
      expect(await banner.textContent()).toContain('unix:///nonexistent.sock');
      expect(await banner.textContent()).toContain('Parity checks again every few seconds');
      await page.getByRole('button', { name: 'Service api, not created' }).waitFor();
      await page.screenshot({ path: `${ARTIFACTS_DIR}engine-unreachable.png` });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await serve.stop();
    }
  });
});
