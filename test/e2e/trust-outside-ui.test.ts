// A project whose production lives outside its folder (`kubernetes: ../infra/k8s`), in
// Chromium through `parity serve`, against the real engine: the Drift tab says the source is
// not read before trust; Start lists it under "Reads files outside the project folder" with
// where it resolves; once trusted, it starts and drift reads it. Screenshots in test-results/.
import { cpSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type Docker from 'dockerode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium } from '../support/browser';
import { startParityServe, type ServeProcess } from '../support/cli';
import { connectTestEngine, removeProject, uniqueProjectName } from '../support/engine';
import { testSettingsEnv } from '../support/shop';

const REFUSED =
  'production source ../infra/k8s is outside the project folder; trust the project to read it';

describe('a production source outside the project folder, in the page', () => {
  const name = uniqueProjectName('parity-ui-outside');
  // The fixture's app folder under the project's unique name, beside its infra folder.
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'parity-outside-')));
  const fixture = resolve(__dirname, '../fixtures/trust-outside');
  const dir = join(root, name);
  cpSync(join(fixture, 'app'), dir, { recursive: true });
  cpSync(join(fixture, 'infra'), join(root, 'infra'), { recursive: true });
  const env = testSettingsEnv();
  let docker: Docker;
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;
  const pageErrors: string[] = [];

  const startButton = () =>
    page
      .getByRole('group', { name: 'Project actions' })
      .getByRole('button', { name: 'Start', exact: true });
  const status = () =>
    page.getByRole('region', { name: 'Progress' }).getByRole('status').textContent();
  const containers = () =>
    docker.listContainers({
      all: true,
      filters: { label: [`com.docker.compose.project=${name}`] },
    });

  beforeAll(async () => {
    docker = await connectTestEngine();
    serve = await startParityServe(env, [dir]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1300, height: 850 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.url);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (docker) await removeProject(docker, name);
  });

  it('the Drift tab says the outside source is not read before trust', async () => {
    await page.getByRole('button', { name: 'Service tool, not created' }).waitFor();
    await page.getByRole('tab', { name: 'Drift' }).click();
    const problems = page.getByRole('list', { name: 'Problems' });
    await problems.waitFor();
    expect(await problems.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining(REFUSED),
    ]);
  });

  it('Start lists it under its heading, as written and where it resolves', async () => {
    await startButton().click();
    const dialog = page.getByRole('dialog', { name: `Trust ${name} and start it?` });
    await dialog.waitFor();
    expect(await dialog.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      'Reads files outside the project folder',
    ]);
    const outside = dialog.getByRole('list', { name: 'Reads files outside the project folder' });
    expect(await outside.getByRole('listitem').allTextContents()).toEqual([
      `project: production.kubernetes: ../infra/k8s production read from outside the project folder at ${join(root, 'infra', 'k8s')}`,
    ]);
    await page.screenshot({ path: `${ARTIFACTS_DIR}trust-outside-dialog.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(status).toBe('Not trusted; nothing started');
    expect(await containers()).toEqual([]);
  });

  it('Trust and start starts it, and drift then reads the outside manifests', async () => {
    await startButton().click();
    await page.getByRole('button', { name: 'Trust and start' }).click();
    await expect.poll(status, { timeout: 60_000 }).toBe(`${name} is up`);
    await page.getByRole('tab', { name: 'Drift' }).click();
    await page.getByLabel('Drift summary').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('list', { name: 'Problems' }).count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS_DIR}trust-outside-drift.png` });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
