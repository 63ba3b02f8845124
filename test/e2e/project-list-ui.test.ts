// The sidebar and project header on the projects users have, in Debian's Chromium through
// `parity serve DIR`: a 26-service project with a warning in every service, two checkouts
// with one name, and a project whose folder was deleted. Nothing is started.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/shared/settings';
import { ARTIFACTS_DIR, launchChromium } from '../support/browser';
import { startParityServe, type ServeProcess } from '../support/cli';
import { uniqueProjectName } from '../support/engine';
import { testSettingsEnv } from '../support/shop';

const SERVICES = Array.from({ length: 26 }, (_, i) => `svc${String(i + 1).padStart(2, '0')}`);

// Each service has an unknown key (a warning each); production runs another tag of half the
// images.
function bigProject(root: string, name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const service = (s: string, i: number, tag: string): string =>
    `  ${s}:\n    image: busybox:${tag}\n    command: sleep 600\n` +
    (i > 0 ? `    depends_on: [${SERVICES[Math.floor((i - 1) / 3)]}]\n` : '');
  writeFileSync(
    join(dir, 'compose.yaml'),
    `services:\n${SERVICES.map((s, i) => service(s, i, '1.37') + '    labelz: {}\n').join('')}`,
  );
  // Production also runs more replicas of a few (info-level drifts, one row and one count).
  const replicas = (i: number): string => (i % 5 === 0 ? '    deploy: { replicas: 3 }\n' : '');
  writeFileSync(
    join(dir, 'compose.prod.yaml'),
    `services:\n${SERVICES.map((s, i) => service(s, i, i % 2 ? '1.37' : '1.36') + replicas(i)).join('')}`,
  );
  writeFileSync(join(dir, 'parity.yaml'), 'production:\n  - compose: compose.prod.yaml\n');
  return dir;
}

function smallProject(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: busybox:1.37\n');
  return dir;
}

describe('the project list and header in Chromium, through parity serve DIR', () => {
  const root = mkdtempSync(join(tmpdir(), 'parity-list-ui-'));
  const bigName = uniqueProjectName('parity-big');
  const twinName = uniqueProjectName('parity-twin');
  const big = bigProject(root, bigName);
  const twinA = smallProject(join(root, 'work', twinName));
  const twinB = smallProject(join(root, 'code', twinName));
  const gone = smallProject(join(root, 'gone', uniqueProjectName('parity-gone')));
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;

  const sidebar = () => page.getByRole('navigation', { name: 'Projects' });
  const item = (name: string) => sidebar().getByRole('button', { name: new RegExp(`^${name}`) });

  beforeAll(async () => {
    const env = testSettingsEnv();
    // A project added earlier, listed first, whose folder has since been deleted.
    writeFileSync(
      env.PARITY_SETTINGS ?? '',
      JSON.stringify({
        ...defaultSettings(),
        projects: [{ directory: gone, startAtLogin: false }],
      }),
    );
    rmSync(gone, { recursive: true });
    serve = await startParityServe(env, [big, twinA, twinB]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(serve.url);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('opens on the project named on the command line, not the first listed', async () => {
    await page.getByRole('region', { name: `Project ${bigName}` }).waitFor();
    expect(await item(bigName).getAttribute('aria-current')).toBe('page');
  });

  it('folds 26 warnings into one line and keeps the graph in the first screen', async () => {
    const notice = page.getByRole('region', { name: 'Problems in the project files' });
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/26 warnings in the project files \(1 kind\)/);
    const noticeBox = await notice.boundingBox();
    expect(noticeBox?.height).toBeLessThan(60);
    const graph = page.getByRole('group', { name: 'Service graph' });
    await page.getByRole('button', { name: /^Service svc26,/ }).waitFor();
    const graphBox = await graph.boundingBox();
    if (!graphBox) throw new Error('no graph');
    // At least 400 px of graph visible in an 800 px window, without scrolling.
    expect(graphBox.y + 400).toBeLessThan(800);
    await page.screenshot({ path: `${ARTIFACTS_DIR}big-project.png` });

    // Expanded: one group, with the 26 places.
    await notice.getByRole('button', { name: 'Show all' }).click();
    const groups = notice.getByRole('listitem');
    expect(await groups.count()).toBe(1);
    expect(await groups.first().textContent()).toMatch(/^26 × unknown key "labelz"/);
    expect((await groups.first().textContent())?.match(/compose\.yaml:\d+:\d+/g)).toHaveLength(26);

    // Dismissed, it stays away on reload (same files), the graph moving up.
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('button', { name: /^Service svc26,/ }).waitFor();
    expect(await notice.count()).toBe(0);
  });

  it('shows the same drift count in the sidebar as in the Drift tab', async () => {
    // The list answers before the count is known ("checking…"); the count is pushed after.
    await item(bigName)
      .filter({ hasText: /\d+ drifts?/ })
      .waitFor();
    const sidebarText = await item(bigName).textContent();
    const sidebarCount = /(\d+) drifts?/.exec(sidebarText ?? '')?.[1];
    expect(sidebarCount).toBeDefined();
    await page.getByRole('tab', { name: /Drift/ }).click();
    const summary = page.getByLabel('Drift summary');
    await summary.waitFor();
    const tabCount = /(\d+) drifts?/.exec((await summary.textContent()) ?? '')?.[1];
    expect(tabCount).toBe(sidebarCount);
    // 19 findings, two differences to fix: the tag of 13 images and the replicas of 6
    // services, each one row with its count.
    expect(await summary.textContent()).toBe(
      '0 services dev-only, 0 prod-only, 2 drifts to fix (0 errors)',
    );
    const differences = page.getByRole('region', { name: /^Differences \(/ });
    expect(await differences.locator('tbody:not([hidden]) > tr').count()).toBe(2);
    expect(
      await differences.getByRole('button', { name: /^image\.tag ×13 \(svc01, / }).count(),
    ).toBe(1);
    expect(await differences.getByRole('button', { name: /^replicas ×6 \(svc01, / }).count()).toBe(
      1,
    );
  });

  it('tells two checkouts with one name apart by their folders', async () => {
    expect(await item(twinName).count()).toBe(2);
    const texts = await item(twinName).allTextContents();
    expect(texts.some((t) => t.includes(`work/${twinName}`))).toBe(true);
    expect(texts.some((t) => t.includes(`code/${twinName}`))).toBe(true);
    // A name of its own gets no folder line.
    expect(await item(bigName).textContent()).not.toContain(`/${bigName}`);
  });

  it('marks a project whose folder is gone as missing, and offers to remove it', async () => {
    const goneName = gone.split('/').pop() ?? '';
    const missing = item(goneName);
    expect(await missing.textContent()).toMatch(/missing/);
    expect(await missing.textContent()).not.toMatch(/stopped/);
    await sidebar().getByRole('button', { name: 'Remove from Parity' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await missing.waitFor({ state: 'detached' });
  });
});
