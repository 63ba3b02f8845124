// The graph while a project mirrors production, in Debian's Chromium, served by `parity serve`
// against the real engine, on a copy of test/fixtures/adopt (a laptop stack and production
// manifests with a production-only service): the Mirror production switch puts a caption over
// the graph (the graph's description for a screen reader) and the production-only service on
// it; turning it off takes both away. Screenshots go to test-results/.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, findingLines } from '../support/axe';
import { ARTIFACTS_DIR, launchChromium } from '../support/browser';
import { startParityServe, type ServeProcess } from '../support/cli';
import { connectTestEngine, removeProject, uniqueProjectName } from '../support/engine';
import { testSettingsEnv } from '../support/shop';

const FIXTURE = new URL('../fixtures/adopt', import.meta.url).pathname;
const CAPTION = "Mirroring production — services run production's values";

describe('the graph of a project mirroring production, in Chromium', () => {
  const name = uniqueProjectName('parity-graph-mirror');
  const dir = join(mkdtempSync(join(tmpdir(), 'parity-graph-mirror-')), name);
  cpSync(FIXTURE, dir, { recursive: true });
  let docker: Docker;
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;
  const pageErrors: string[] = [];

  const graph = () => page.getByRole('group', { name: 'Service graph' });
  const mirrorSwitch = () => page.getByRole('switch', { name: 'Mirror production' });
  const status = () =>
    page.getByRole('region', { name: 'Progress' }).getByRole('status').textContent();
  const searchNode = () => page.getByRole('button', { name: /^Service search,/ });

  beforeAll(async () => {
    docker = await connectTestEngine();
    serve = await startParityServe(testSettingsEnv(), [dir]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.url);
    await page.getByRole('button', { name: /^Service api,/ }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (docker) await removeProject(docker, name);
  });

  it('says nothing of production while the laptop runs its own stack', async () => {
    expect(await page.getByText(CAPTION).count()).toBe(0);
    expect(await graph().getAttribute('aria-describedby')).toBeNull();
    expect(await searchNode().count()).toBe(0);
  });

  it('says on the graph that it mirrors production, with production-only services on it', async () => {
    await mirrorSwitch().click();
    await expect
      .poll(status, { timeout: 60_000 })
      .toBe(`${name} runs production's values (compose.mirror.yaml)`);
    const caption = page.getByText(CAPTION);
    await caption.waitFor();
    // Over the graph, inside its box, and what the graph is described by.
    const box = await caption.boundingBox();
    const pane = await page.locator('.graph').boundingBox();
    if (!box || !pane) throw new Error('no caption or graph box');
    expect(box.y).toBeGreaterThanOrEqual(pane.y);
    expect(box.y + box.height).toBeLessThanOrEqual((await graph().boundingBox())?.y ?? 0);
    const described = await graph().getAttribute('aria-describedby');
    expect(await page.locator(`[id="${described}"]`).textContent()).toBe(CAPTION);
    await searchNode().waitFor();
    // The service the override adds says where it comes from; the laptop's own do not.
    const description = async (service: string): Promise<string> => {
      const node = page.getByRole('button', { name: new RegExp(`^Service ${service},`) });
      const id = await node.getAttribute('aria-describedby');
      return (await page.locator(`[id="${id}"]`).textContent()) ?? '';
    };
    expect(await description('search')).toMatch(/^from production · /);
    expect(await description('api')).not.toMatch(/from production/);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      const findings = findingLines(`mirroring, ${theme}`, await axeFindings(page));
      await page.screenshot({ path: `${ARTIFACTS_DIR}graph-mirroring-${theme}.png` });
      expect(findings).toEqual([]);
    }
  }, 90_000);

  it('takes the caption and the production-only service away when mirroring stops', async () => {
    await mirrorSwitch().click();
    await expect
      .poll(status, { timeout: 60_000 })
      .toBe(`${name} runs its own stack again; removed ${name}-search-1`);
    await expect.poll(() => page.getByText(CAPTION).count()).toBe(0);
    await expect.poll(() => searchNode().count()).toBe(0);
    expect(await graph().getAttribute('aria-describedby')).toBeNull();
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
