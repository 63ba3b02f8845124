// Trust in Chromium, through `parity serve`, against the real engine: Start on a stack that
// asks for host-level power shows what it asks and starts nothing until "Trust and start"; a
// quick action shows its exact command before its first run. Screenshots in test-results/.
import { readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium } from '../support/browser';
import { startParityServe, type ServeProcess } from '../support/cli';
import { connectTestEngine, removeProject, TEST_IMAGE, uniqueProjectName } from '../support/engine';
import { lines, makeProject } from '../support/project-dir';
import { testSettingsEnv } from '../support/shop';

describe('trust in the page, served by parity serve', () => {
  const name = uniqueProjectName('parity-ui-trust');
  const dir = makeProject(name, {
    'compose.yaml': lines(
      'services:',
      '  tool:',
      `    image: ${TEST_IMAGE}`,
      '    command: [sleep, "600"]',
      '    init: true',
      '    cap_add: [NET_ADMIN]',
    ),
    'parity.yaml': lines(
      'actions:',
      '  - name: Greet',
      '    service: tool',
      '    run: echo "hello from $(hostname)"',
    ),
  });
  const env = testSettingsEnv();
  let docker: Docker;
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;
  const pageErrors: string[] = [];

  const containers = () =>
    docker.listContainers({
      all: true,
      filters: { label: [`com.docker.compose.project=${name}`] },
    });
  const startButton = () =>
    page
      .getByRole('group', { name: 'Project actions' })
      .getByRole('button', { name: 'Start', exact: true });
  const status = () =>
    page.getByRole('region', { name: 'Progress' }).getByRole('status').textContent();

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

  it('Start shows what the stack asks, and Cancel starts nothing', async () => {
    await page.getByRole('button', { name: 'Service tool, not created' }).waitFor();
    await startButton().click();
    const dialog = page.getByRole('dialog', { name: `Trust ${name} and start it?` });
    await dialog.waitFor();
    expect(await dialog.getByRole('listitem').allTextContents()).toEqual([
      'tool: cap_add: NET_ADMIN the NET_ADMIN capability (compose.yaml:6)',
    ]);
    await page.screenshot({ path: `${ARTIFACTS_DIR}trust-dialog.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(status).toBe('Not trusted; nothing started');
    expect(await containers()).toEqual([]);
  });

  it('Trust and start starts it, and the trust is kept for this folder', async () => {
    await startButton().click();
    await page.getByRole('button', { name: 'Trust and start' }).click();
    await expect.poll(status, { timeout: 60_000 }).toBe(`${name} is up`);
    await expect
      .poll(() => page.getByRole('button', { name: /^Service tool,/ }).getAttribute('aria-label'))
      .toBe('Service tool, running');
    const saved = JSON.parse(readFileSync(env.PARITY_SETTINGS ?? '', 'utf8')) as {
      trusted?: { directory: string; kind: string }[];
    };
    expect(saved.trusted).toEqual([expect.objectContaining({ directory: dir, kind: 'stack' })]);
  }, 90_000);

  it('a quick action shows its exact command before its first run', async () => {
    await page.getByRole('button', { name: 'Quick actions' }).click();
    await page.getByRole('button', { name: 'Greet in tool' }).click();
    const confirm = page.getByRole('dialog', { name: 'Run Greet?' });
    await confirm.waitFor();
    expect(await confirm.getByLabel('Command').textContent()).toBe(
      `sh -c 'echo "hello from $(hostname)"'`,
    );
    await page.screenshot({ path: `${ARTIFACTS_DIR}action-confirm.png` });
    await confirm.getByRole('button', { name: 'Run' }).click();
    const output = page.getByRole('dialog', { name: 'Output of Greet' });
    await output.waitFor();
    expect(await output.getByLabel('Output').textContent()).toMatch(/^hello from \w+\n$/);
    expect(pageErrors).toEqual([]);
  });
});
