// A 27-service project (test/fixtures/big-project) in Debian's Chromium at 1280x800, served by
// `parity serve`, against the real engine (a few of its services started for the Logs tab):
// the graph fits the first screen with labels a person can read, zooms, pans and selects from
// the mouse and the keyboard, and axe-core finds no serious or critical violation on any tab,
// light or dark. Screenshots go to test-results/.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchChromium } from '../support/browser';
import { runParity, startParityServe, type ServeProcess } from '../support/cli';
import { connectTestEngine, removeProject, uniqueProjectName } from '../support/engine';
import { testSettingsEnv } from '../support/shop';

const FIXTURE = fileURLToPath(new URL('../fixtures/big-project', import.meta.url));
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const LONG_NAME = 'product-reviews-sentiment-analyzer';
// The smallest text a person reads without zooming, in CSS pixels on the screen.
const READABLE_PX = 9;

const serviceNames = (): string[] =>
  [...readFileSync(join(FIXTURE, 'compose.yaml'), 'utf8').matchAll(/^ {2}([a-z-]+):$/gm)].map(
    (m) => m[1] ?? '',
  );

/** A copy of the fixture under a project name of its own, so parallel runs never meet. */
function copyFixture(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'parity-big-')), name);
  cpSync(FIXTURE, dir, { recursive: true });
  const parity = join(dir, 'parity.yaml');
  writeFileSync(parity, readFileSync(parity, 'utf8').replace(/^name: .*$/m, `name: ${name}`));
  return dir;
}

/** The page's DOM as these checks use it (the tests compile against Node's types, not DOM's). */
interface InPage {
  document: {
    activeElement: InPageElement | null;
    querySelector(selector: string): InPageElement | null;
    querySelectorAll(selector: string): Iterable<InPageElement>;
  };
  getComputedStyle(
    element: unknown,
    pseudo?: string,
  ): {
    fontSize: string;
    overflowY: string;
    outlineStyle: string;
    outlineWidth: string;
    boxShadow: string;
  };
}
interface InPageElement {
  tagName: string;
  offsetHeight: number;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  className: string;
  getBoundingClientRect(): { right: number; height: number };
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): unknown;
}

interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's serious and critical findings on the page as it is. */
async function axeFindings(page: Page): Promise<AxeFinding[]> {
  // The page's CSP refuses inline scripts (addScriptTag): evaluated through the protocol instead.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    interface AxeResult {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[]; failureSummary?: string }[];
      }[];
    }
    const axe = (globalThis as unknown as { axe: { run: (o: object) => Promise<AxeResult> } }).axe;
    const result = await axe.run({
      // Experimental, but it is what a speech-input user meets: a name that says what is seen.
      rules: { 'label-content-name-mismatch': { enabled: true } },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
      }));
  });
}

describe('a 27-service project in Chromium at 1280x800', () => {
  const name = uniqueProjectName('parity-big-a11y');
  const dir = copyFixture(name);
  const services = serviceNames();
  let docker: Docker;
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;
  const pageErrors: string[] = [];

  const node = (service: string) =>
    page.getByRole('button', { name: new RegExp(`^Service ${service},`) });
  const graph = () => page.getByRole('group', { name: 'Service graph' });
  /** Whether the service's node is whole within the graph's pane. */
  const inPane = async (service: string): Promise<boolean> => {
    const pane = await graph().boundingBox();
    const box = await page.locator(`[data-service="${service}"]`).boundingBox();
    if (!pane || !box) return false;
    return (
      box.x >= pane.x &&
      box.y >= pane.y &&
      box.x + box.width <= pane.x + pane.width &&
      box.y + box.height <= pane.y + pane.height
    );
  };
  const zoomLevel = async (): Promise<number> =>
    Number.parseInt((await page.getByLabel('Zoom level').textContent()) ?? '', 10);

  beforeAll(async () => {
    docker = await connectTestEngine();
    // accounting brings up kafka (healthy first), the collector and its stores: their lines
    // give the Logs tab something to show.
    const up = await runParity(['up', '-d', '--wait', '--project-directory', dir, 'accounting']);
    if (up.code !== 0) throw new Error(`parity up failed: ${up.stderr}${up.stdout}`);
    serve = await startParityServe(testSettingsEnv(), [dir]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.url);
    await node('load-generator').waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (docker) await removeProject(docker, name);
  });

  it('shows every service in the first screen, fitted, without scrolling', async () => {
    expect(services.length).toBeGreaterThanOrEqual(25);
    expect(await page.locator('.graph-node').count()).toBe(services.length);
    const box = await graph().boundingBox();
    if (!box) throw new Error('the graph has no box');
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    expect(box.height).toBeGreaterThan(400);
    const scrolls = await page.evaluate(() => {
      const dom = globalThis as unknown as InPage;
      return [...dom.document.querySelectorAll('*')]
        .filter((e) => e.clientHeight > 0 && e.scrollHeight > e.clientHeight + 1)
        .filter((e) => dom.getComputedStyle(e).overflowY !== 'hidden')
        .map((e) => e.className);
    });
    expect(scrolls).toEqual([]);
    for (const service of services) {
      const nodeBox = await page.locator(`[data-service="${service}"]`).boundingBox();
      if (!nodeBox) throw new Error(`${service} has no box`);
      expect(nodeBox.x, service).toBeGreaterThanOrEqual(box.x);
      expect(nodeBox.y, service).toBeGreaterThanOrEqual(box.y);
      expect(nodeBox.x + nodeBox.width, service).toBeLessThanOrEqual(box.x + box.width);
      expect(nodeBox.y + nodeBox.height, service).toBeLessThanOrEqual(box.y + box.height);
    }
    await page.screenshot({ path: `${ARTIFACTS_DIR}big-project-graph.png` });
  });

  it('draws the names at a size a person can read', async () => {
    const sizes = await page.evaluate(() => {
      const dom = globalThis as unknown as InPage;
      return [...dom.document.querySelectorAll('.node-name')].map((e) => {
        // Drawn size over laid-out size: the graph's zoom, whatever transforms make it.
        const scale = e.getBoundingClientRect().height / e.offsetHeight;
        return Number.parseFloat(dom.getComputedStyle(e).fontSize) * scale;
      });
    });
    expect(sizes).toHaveLength(services.length);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(READABLE_PX);
  });

  it('shortens a long name on the node, the whole name in its tooltip and accessible name', async () => {
    const cut = await page.evaluate((selector) => {
      const e = (globalThis as unknown as InPage).document.querySelector(selector);
      return e !== null && e.scrollWidth > e.clientWidth;
    }, `[data-service="${LONG_NAME}"] .node-name`);
    expect(cut).toBe(true);
    expect(await node(LONG_NAME).getAttribute('title')).toBe(`${LONG_NAME}\nbusybox:1.37`);
    expect(await node(LONG_NAME).getAttribute('aria-label')).toBe(
      `Service ${LONG_NAME}, not created`,
    );
  });

  it('zooms with the buttons and the keys, pans with the arrows and fits with F', async () => {
    const canvas = page.locator('.graph-canvas');
    const fitted = await canvas.getAttribute('style');
    const start = await zoomLevel();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(await zoomLevel()).toBeGreaterThan(start);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.getByRole('button', { name: 'Zoom out' }).click();
    expect(await zoomLevel()).toBeLessThan(start);
    await graph().focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    expect(await zoomLevel()).toBeGreaterThan(start);
    await page.keyboard.press('-');
    const beforePan = await canvas.getAttribute('style');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await canvas.getAttribute('style')).not.toBe(beforePan);
    await page.screenshot({ path: `${ARTIFACTS_DIR}big-project-zoomed.png` });
    await page.keyboard.press('f');
    await expect.poll(() => canvas.getAttribute('style')).toBe(fitted);
  });

  it('opens a service in its details on click, and on Enter from the keyboard', async () => {
    // A node at the right edge: the details take room there, and the graph keeps it in view.
    const right = await page.evaluate(() => {
      const nodes = [...(globalThis as unknown as InPage).document.querySelectorAll('.graph-node')];
      const rightOf = (e: InPageElement): number => e.getBoundingClientRect().right;
      const last = nodes.reduce((a, b) => (rightOf(b) > rightOf(a) ? b : a));
      return last.getAttribute('data-service') ?? '';
    });
    await node(right).click();
    const details = page.getByRole('complementary', { name: `Service ${right} details` });
    await details.waitFor();
    expect(await details.textContent()).toContain('busybox:1.37');
    await expect.poll(() => inPane(right)).toBe(true);
    expect(await zoomLevel()).toBeGreaterThanOrEqual(65);
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    await node('frontend').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('complementary', { name: 'Service frontend details' }).waitFor();
    await expect.poll(() => inPane('frontend')).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS_DIR}big-project-details.png` });
    await page.keyboard.press('Escape');
  });

  it('brings a node reached with Tab into view when the graph is zoomed in', async () => {
    await page.getByRole('button', { name: 'Fit graph' }).click();
    for (let i = 0; i < 5; i += 1) await page.getByRole('button', { name: 'Zoom in' }).click();
    const names = await Promise.all(
      (await page.locator('.graph-node').all()).map(
        async (n) => (await n.getAttribute('data-service')) ?? '',
      ),
    );
    const last = names[names.length - 1] ?? '';
    for (const service of [names[0] ?? '', last]) {
      await node(service).focus();
      expect(await inPane(service), service).toBe(true);
    }
    // Opened from the keyboard: the details narrow the pane, the node stays in sight.
    await page.keyboard.press('Enter');
    await page.getByRole('complementary', { name: `Service ${last} details` }).waitFor();
    await expect.poll(() => inPane(last)).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('f');
  });

  it('reaches every toolbar action and every service with Tab, its focus always visible', async () => {
    await page.getByRole('heading', { name: 'Parity', exact: true }).click();
    const reached: { name: string; where: string; visible: boolean }[] = [];
    for (let i = 0; i < 200; i += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const dom = globalThis as unknown as InPage;
        const e = dom.document.activeElement;
        // Past the last control the focus leaves the page (the body holds it).
        if (!e || e.tagName === 'BODY') return null;
        // A ring of 2 px or more, on the element or (graph nodes) on the card it covers.
        const ring = (style: ReturnType<InPage['getComputedStyle']>): boolean =>
          (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2) ||
          style.boxShadow !== 'none';
        return {
          name: e.getAttribute('aria-label') ?? e.textContent?.trim() ?? '',
          where:
            e.closest('[aria-label="Project actions"]') !== null
              ? 'toolbar'
              : e.closest('[aria-label="Graph view"]') !== null
                ? 'graph controls'
                : e.closest('.graph-node') !== null
                  ? 'graph'
                  : 'page',
          visible: ring(dom.getComputedStyle(e)) || ring(dom.getComputedStyle(e, '::after')),
        };
      });
      if (!focused || reached.some((r) => r.name === focused.name && r.where === focused.where))
        break;
      reached.push(focused);
    }
    const names = (where: string): string[] =>
      reached.filter((r) => r.where === where).map((r) => r.name);
    expect(names('toolbar')).toEqual(['Start', 'Stop', 'Restart', 'Down']);
    expect(names('graph controls')).toEqual(['Zoom in', 'Zoom out', 'Fit graph']);
    expect(names('graph')).toHaveLength(services.length);
    expect(reached.filter((r) => !r.visible)).toEqual([]);
  });

  it('has no serious or critical axe finding with the details and the problems open', async () => {
    await node('kafka').click();
    await page.getByRole('complementary', { name: 'Service kafka details' }).waitFor();
    const problems = page.getByRole('region', { name: 'Problems in the project files' });
    await problems.getByRole('button', { name: 'Show all' }).click();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      const findings = await axeFindings(page);
      if (findings.length > 0) console.log(JSON.stringify(findings, null, 2));
      await page.screenshot({ path: `${ARTIFACTS_DIR}big-project-details-${theme}.png` });
      expect(findings.map((f) => `${theme}: ${f.id} (${f.impact}): ${f.nodes.length}`)).toEqual([]);
    }
    await problems.getByRole('button', { name: 'Hide' }).click();
    await page.keyboard.press('Escape');
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const tab of ['Graph', 'Logs', 'Drift'] as const) {
      it(`has no serious or critical axe finding on the ${tab} tab, ${theme}`, async () => {
        await page.emulateMedia({ colorScheme: theme });
        await page.getByRole('tab', { name: tab }).click();
        if (tab === 'Logs') {
          await page.getByRole('log', { name: `Log of ${name}` }).waitFor();
          await page.getByText(/ready/).first().waitFor({ timeout: 20_000 });
        }
        if (tab === 'Drift') await page.getByLabel('Drift summary').waitFor({ timeout: 20_000 });
        const findings = await axeFindings(page);
        if (findings.length > 0) console.log(JSON.stringify(findings, null, 2));
        await page.screenshot({
          path: `${ARTIFACTS_DIR}big-project-${tab.toLowerCase()}-${theme}.png`,
        });
        expect(findings.map((f) => `${f.id} (${f.impact}): ${f.nodes.length}`)).toEqual([]);
      }, 60_000);
    }
  }

  it('has no serious or critical axe finding in the Down and Accept dialogs', async () => {
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.getByRole('tab', { name: 'Graph' }).click();
      await page
        .getByRole('group', { name: 'Project actions' })
        .getByRole('button', { name: 'Down' })
        .click();
      const down = page.getByRole('dialog', { name: `Down ${name}?` });
      await down.waitFor();
      const inDown = await axeFindings(page);
      await down.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('tab', { name: 'Drift' }).click();
      await page
        .getByRole('button', { name: /^Accept .*…$/ })
        .first()
        .click();
      const accept = page.getByRole('dialog', { name: /^Accept / });
      await accept.waitFor();
      const inAccept = await axeFindings(page);
      await page.screenshot({ path: `${ARTIFACTS_DIR}big-project-accept-${theme}.png` });
      await accept.getByRole('button', { name: 'Cancel' }).click();
      const findings = [...inDown, ...inAccept];
      if (findings.length > 0) console.log(JSON.stringify(findings, null, 2));
      expect(findings.map((f) => `${theme}: ${f.id} (${f.impact}): ${f.nodes.length}`)).toEqual([]);
    }
  }, 60_000);

  it('logs no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
