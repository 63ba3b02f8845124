// A 27-service project (test/fixtures/big-project) in Debian's Chromium, served by `parity
// serve` against the real engine, nothing started: its nodes are one tab stop that the arrow
// keys move within, its edge labels never overlap one another or a node, and the graph is laid
// out again for the pane's new shape when the window is resized. Screenshots go to
// test-results/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigProjectServices, openBigProject, type BigProjectPage } from '../support/big-project';
import { ARTIFACTS_DIR } from '../support/browser';

type Box = { x: number; y: number; width: number; height: number };

// What the page is asked here, beyond test/support/in-page.ts: boxes and focus.
interface Dom {
  document: {
    activeElement: DomElement | null;
    querySelectorAll(selector: string): Iterable<DomElement>;
  };
  getComputedStyle(element: unknown, pseudo?: string): { outlineStyle: string };
}
interface DomElement {
  getBoundingClientRect(): Box;
  getAttribute(name: string): string | null;
  closest(selector: string): DomElement | null;
  querySelector(selector: string): DomElement | null;
  textContent: string | null;
}

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the graph of a 27-service project from the keyboard, and its labels and layout', () => {
  const services = bigProjectServices();
  let open: BigProjectPage;
  let page: Page;

  const node = (service: string) =>
    page.getByRole('button', { name: new RegExp(`^Service ${service},`) });
  /** The service whose node has the focus, and whether its focus ring shows. */
  const focused = () =>
    page.evaluate(() => {
      const dom = globalThis as unknown as Dom;
      const active = dom.document.activeElement;
      const card = active?.closest('.graph-node') ?? null;
      return {
        service: card?.getAttribute('data-service') ?? null,
        ring: active ? dom.getComputedStyle(active, '::after').outlineStyle !== 'none' : false,
      };
    });
  const boxOf = async (service: string): Promise<Box> => {
    const box = await page.locator(`[data-service="${service}"]`).boundingBox();
    if (!box) throw new Error(`${service} has no box`);
    return box;
  };
  /** Every node's box, by service. */
  const nodeBoxes = () =>
    page.evaluate(() =>
      [...(globalThis as unknown as Dom).document.querySelectorAll('.graph-node')].map((e) => ({
        service: e.getAttribute('data-service') ?? '',
        box: e.getBoundingClientRect(),
      })),
    );

  beforeAll(async () => {
    open = await openBigProject('parity-graph-keys', []);
    page = open.page;
  }, 120_000);
  afterAll(async () => {
    await open?.close();
  });

  it('enters the services with one Tab and leaves them with the next', async () => {
    await page.getByRole('button', { name: 'Fit graph' }).focus();
    await page.keyboard.press('Tab');
    // The pane itself (it pans and zooms), then one service, then out of the graph.
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as Dom).document.activeElement?.getAttribute('aria-label'),
      ),
    ).toBe('Service graph');
    await page.keyboard.press('Tab');
    const entered = await focused();
    expect(entered.service).not.toBeNull();
    expect(entered.ring).toBe(true);
    await page.keyboard.press('Tab');
    const after = await page.evaluate(() => {
      const active = (globalThis as unknown as Dom).document.activeElement;
      return {
        inGraph: active?.closest('.graph-viewport') !== null,
        name: active?.getAttribute('aria-label') ?? active?.textContent ?? '',
      };
    });
    expect(after.inGraph, after.name).toBe(false);
    await page.keyboard.press('Shift+Tab');
    expect((await focused()).service).toBe(entered.service);
  });

  it('moves with the arrows to the nearest service that way, Home and End to the ends', async () => {
    await page.keyboard.press('Home');
    const first = (await focused()).service ?? '';
    const start = await boxOf(first);
    await page.keyboard.press('ArrowRight');
    const right = (await focused()).service ?? '';
    expect(right).not.toBe(first);
    const rightBox = await boxOf(right);
    expect(rightBox.x).toBeGreaterThan(start.x);
    expect(rightBox.y).toBe(start.y);
    await page.keyboard.press('ArrowDown');
    const down = (await focused()).service ?? '';
    expect((await boxOf(down)).y).toBeGreaterThan(rightBox.y);
    await page.keyboard.press('ArrowUp');
    expect((await boxOf((await focused()).service ?? '')).y).toBe(rightBox.y);
    await page.keyboard.press('End');
    const last = (await focused()).service ?? '';
    const boxes = await nodeBoxes();
    const lowest = Math.max(...boxes.map((b) => b.box.y));
    expect((await boxOf(last)).y).toBe(lowest);
    // Enter still opens the details of the service the arrows reached.
    await page.keyboard.press('Enter');
    await page.getByRole('complementary', { name: `Service ${last} details` }).waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('f');
  });

  it('reaches every service with the arrows, its focus always visible', async () => {
    await node(services[0] ?? '').focus();
    const reached = new Set<string>();
    const queue = [services[0] ?? ''];
    const hidden: string[] = [];
    while (queue.length > 0) {
      const from = queue.shift() ?? '';
      if (reached.has(from)) continue;
      reached.add(from);
      for (const key of ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']) {
        await node(from).focus();
        await page.keyboard.press(key);
        const now = await focused();
        if (!now.ring) hidden.push(`${from} ${key}`);
        if (now.service && !reached.has(now.service)) queue.push(now.service);
      }
    }
    expect([...reached].sort()).toEqual([...services].sort());
    expect(hidden).toEqual([]);
    await page.keyboard.press('f');
  }, 60_000);

  it('draws no edge label over another label or a node, and names each edge without one in its tooltip', async () => {
    const labels = await page.locator('.graph-edge-label').all();
    const boxes = (await Promise.all(labels.map(async (label) => label.boundingBox()))).filter(
      (b): b is Box => b !== null,
    );
    // The fixture's edges with a condition other than service_started are labelled.
    expect(boxes.length).toBeGreaterThan(0);
    expect(boxes.length).toBe(labels.length);
    const nodes = await nodeBoxes();
    const clashes: string[] = [];
    boxes.forEach((a, i) => {
      boxes.slice(i + 1).forEach((b, j) => {
        if (overlap(a, b)) clashes.push(`label ${i} and label ${i + j + 1}`);
      });
      for (const n of nodes) if (overlap(a, n.box)) clashes.push(`label ${i} and ${n.service}`);
    });
    expect(clashes).toEqual([]);
    // Every edge says its condition: on its label, or where that could not be placed (or is
    // service_started on a big graph), in its tooltip.
    const edges = await page.locator('.graph-edge').count();
    const titles = await page.locator('.graph-edge > title').allTextContents();
    expect(titles.length + labels.length).toBe(edges);
    for (const title of titles) expect(title).toMatch(/^[a-z-]+ depends on [a-z-]+ \(service_/);
  });

  it('lays the graph out again for the pane when the window is resized', async () => {
    const columns = async (): Promise<number> =>
      new Set((await nodeBoxes()).map((n) => Math.round(n.box.x))).size;
    const rows = async (): Promise<number> =>
      new Set((await nodeBoxes()).map((n) => Math.round(n.box.y))).size;
    const fits = async (): Promise<string[]> => {
      const pane = await page.getByRole('group', { name: 'Service graph' }).boundingBox();
      if (!pane) return ['no pane'];
      return (await nodeBoxes())
        .filter(
          (n) =>
            n.box.x < pane.x ||
            n.box.y < pane.y ||
            n.box.x + n.box.width > pane.x + pane.width + 0.5 ||
            n.box.y + n.box.height > pane.y + pane.height + 0.5,
        )
        .map((n) => n.service);
    };
    const wideColumns = await columns();
    const wideRows = await rows();
    expect(await fits()).toEqual([]);
    // A tall, narrow window: fewer services a row, more rows, all still in the pane.
    await page.setViewportSize({ width: 900, height: 1400 });
    await expect.poll(columns, { timeout: 5000 }).toBeLessThan(wideColumns);
    expect(await rows()).toBeGreaterThan(wideRows);
    await expect.poll(fits).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS_DIR}graph-tall-window.png` });
    // Back to the first shape: the first layout again.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(columns, { timeout: 5000 }).toBe(wideColumns);
    await expect.poll(fits).toEqual([]);
  });

  it('keeps every node in place when the window resizes to a shape with the same layout', async () => {
    const before = await nodeBoxes();
    await page.setViewportSize({ width: 1284, height: 800 });
    // Longer than the layout waits for a resize to settle.
    await page.waitForTimeout(600);
    const after = await nodeBoxes();
    expect(after.map((n) => n.service)).toEqual(before.map((n) => n.service));
    const moved = after.filter((n, i) => {
      const was = before[i]?.box;
      return !was || Math.abs(n.box.y - was.y) > 0.5 || Math.abs(n.box.height - was.height) > 0.5;
    });
    expect(moved.map((n) => n.service)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `${ARTIFACTS_DIR}graph-keyboard-labels.png` });
  });

  it('logs no error in the page', () => {
    expect(open.errors).toEqual([]);
  });
});
