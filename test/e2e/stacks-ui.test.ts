import type Docker from 'dockerode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium } from '../support/browser';
import { startParityServe, type ServeProcess } from '../support/cli';
import {
  connectTestEngine,
  removeProject,
  startLabelledContainer,
  uniqueProjectName,
} from '../support/engine';

describe('the UI in Chromium, served by parity serve, against the real engine', () => {
  let docker: Docker;
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;
  const pageErrors: string[] = [];
  const project = uniqueProjectName('parity-e2e');

  beforeAll(async () => {
    docker = await connectTestEngine();
    await startLabelledContainer(docker, project, 'api');
    await startLabelledContainer(docker, project, 'web');
    serve = await startParityServe();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.url);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (docker) await removeProject(docker, project);
  });

  it('lists the stack with each service running and its published port', async () => {
    const stack = page.getByRole('region', { name: `Stack ${project}` });
    await stack.waitFor();
    for (const service of ['api', 'web']) {
      const row = stack.getByRole('row', { name: new RegExp(`^${service} `) });
      await expect.poll(() => row.textContent()).toContain(`${project}-${service}-1`);
      expect(await row.textContent()).toContain('running');
      expect(await row.getByRole('link').getAttribute('href')).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/$/,
      );
    }
    await page.screenshot({ path: `${ARTIFACTS_DIR}stacks.png`, fullPage: true });
  });

  it('takes the token out of the address bar and breaks no CSP rule', () => {
    expect(page.url()).not.toContain('token');
    expect(pageErrors).toEqual([]);
  });

  it('shows a container stopped on the engine as exited', async () => {
    await docker.getContainer(`${project}-web-1`).stop({ t: 0 });
    const row = page
      .getByRole('region', { name: `Stack ${project}` })
      .getByRole('row', { name: /^web / });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('exited');
  });
});

describe('the UI when the engine cannot be reached', () => {
  it('shows where it looked and what to do', async () => {
    const serve = await startParityServe({
      ...process.env,
      DOCKER_HOST: 'unix:///nonexistent/docker.sock',
    });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(serve.url);
      const banner = page.getByRole('alert', { name: 'Docker engine unreachable' });
      await banner.waitFor();
      expect(await banner.textContent()).toContain('unix:///nonexistent/docker.sock');
      await page.screenshot({ path: `${ARTIFACTS_DIR}engine-unreachable.png` });
    } finally {
      await browser.close();
      await serve.stop();
    }
  });
});
