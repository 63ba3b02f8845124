// A 27-service project (test/fixtures/big-project) in Debian's Chromium at 1280x800, served by
// `parity serve` against the real engine, nothing started: its graph fits the first screen
// with names a person can read, and zooms, pans and selects from the mouse and the keyboard.
// Screenshots go to test-results/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigProjectServices, openBigProject, type BigProjectPage } from '../support/big-project';
import { ARTIFACTS_DIR } from '../support/browser';
import type { InPage, InPageElement } from '../support/in-page';

const LONG_NAME = 'product-reviews-sentiment-analyzer';
// The smallest text a person reads without zooming, in CSS pixels on the screen.
const READABLE_PX = 9;

describe('the graph of a 27-service project in Chromium at 1280x800', () => {
  const services = bigProjectServices();
  let open: BigProjectPage;
  let page: Page;

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
    open = await openBigProject('parity-big-graph', []);
    page = open.page;
  }, 120_000);
  afterAll(async () => {
    await open?.close();
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

  it('logs no error in the page', () => {
    expect(open.errors).toEqual([]);
  });
});
