// The Logs search in Debian's Chromium, served by `parity serve`, against the real engine: a
// service prints lines on which /(a+)+$/ backtracks for hours ('aaaa…b'). Typed into the search
// box, the pattern must not freeze the page: it runs in a worker that is stopped after its
// time budget, and the view says the search was cut short.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { runParity, startParityServe, type ServeProcess } from '../support/cli';
import { connectTestEngine, removeProject, TEST_IMAGE, uniqueProjectName } from '../support/engine';
import { makeProject } from '../support/project-dir';
import { testSettingsEnv } from '../support/shop';

// Fewer lines than the view's tail (500), so it receives them all. 40 a's and a b: /(a+)+$/ tries about 2^40 ways to split the a's on each such line.
const HOSTILE_LINE = `${'a'.repeat(40)}b`;

/** Whether the page runs a script and paints a frame within `ms`: false when it is frozen. */
async function responsive(page: Page, ms: number): Promise<boolean> {
  // Runs in the page, where requestAnimationFrame exists; Node's types do not know it.
  const frame = page.evaluate(
    () =>
      new Promise<boolean>((resolve) =>
        (
          globalThis as unknown as { requestAnimationFrame(callback: () => void): number }
        ).requestAnimationFrame(() => resolve(true)),
      ),
  );
  const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms));
  return Promise.race([frame, late]);
}

describe('the Logs search in Chromium with a catastrophic /regex/', () => {
  const name = uniqueProjectName('parity-logs-regex');
  const env = testSettingsEnv();
  let dir: string;
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;

  beforeAll(async () => {
    await connectTestEngine();
    dir = makeProject(name, {
      'compose.yaml': [
        'services:',
        '  spam:',
        `    image: "${TEST_IMAGE}"`,
        '    command:',
        '      - sh',
        '      - -c',
        `      - 'i=0; while [ $$i -lt 200 ]; do echo ${HOSTILE_LINE}; echo "ok line $$i"; i=$$((i+1)); done; sleep 3600'`,
        '',
      ].join('\n'),
    });
    const up = await runParity(['up', '-d', '--wait', '--project-directory', dir], env);
    if (up.code !== 0) throw new Error(`parity up failed: ${up.stderr}${up.stdout}`);
    serve = await startParityServe(env, [dir]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(serve.url);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await removeProject(await connectTestEngine(), name);
  });

  it('searches a sane /regex/ in the worker, with a count', async () => {
    await page.getByRole('tab', { name: 'Logs' }).click();
    const log = page.getByRole('log', { name: `Log of ${name}` });
    await expect
      .poll(async () => Number(await log.getAttribute('data-lines-received')), { timeout: 20_000 })
      .toBe(400);
    await page.getByRole('searchbox', { name: 'Search' }).fill('/^ok line \\d+$/');
    await expect
      .poll(() => page.locator('.logs-search-status').textContent(), { timeout: 10_000 })
      .toBe('200 matches');
  });

  it('stays responsive while /(a+)+$/ is typed, and says the search was cut short', async () => {
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('');
    // Typed key by key, as a user does: every keystroke is a search the page could run.
    await search.pressSequentially('/(a+)+$/', { delay: 30 });
    const began = Date.now();
    const frozen: number[] = [];
    while (Date.now() - began < 3_000) {
      if (!(await responsive(page, 1_000))) frozen.push(Date.now() - began);
    }
    expect(frozen).toEqual([]);
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent(), { timeout: 10_000 })
      .toMatch(/^Search stopped: the pattern took over 1 s/);
    // The page still answers input: a plain search works at once.
    await search.fill('ok line 7');
    await expect
      .poll(() => page.locator('.logs-search-status').textContent(), { timeout: 5_000 })
      .toMatch(/^\d+ match(es)?$/);
  }, 60_000);
});
