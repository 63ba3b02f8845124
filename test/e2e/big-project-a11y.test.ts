// A 27-service project (test/fixtures/big-project) in Debian's Chromium at 1280x800, served by
// `parity serve` against the real engine, a few of its services started so that the Logs tab
// has lines: Tab reaches every action with its focus visible, and axe-core finds no serious or
// critical violation on any tab, with the details, the problems and the dialogs open, light or
// dark. Screenshots go to test-results/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, findingLines } from '../support/axe';
import { bigProjectServices, openBigProject, type BigProjectPage } from '../support/big-project';
import { ARTIFACTS_DIR } from '../support/browser';
import type { InPage, InPageStyle } from '../support/in-page';

describe('accessibility of a 27-service project in Chromium at 1280x800', () => {
  const services = bigProjectServices();
  let open: BigProjectPage;
  let page: Page;
  let name: string;

  const node = (service: string) =>
    page.getByRole('button', { name: new RegExp(`^Service ${service},`) });

  beforeAll(async () => {
    // accounting brings up kafka (healthy first), the collector and its stores: their lines
    // give the Logs tab something to show, and the graph running states.
    open = await openBigProject('parity-big-a11y', ['accounting']);
    page = open.page;
    name = open.name;
  }, 120_000);
  afterAll(async () => {
    await open?.close();
  });

  it('reaches every toolbar action and the services with Tab, its focus always visible', async () => {
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
        const ring = (style: InPageStyle): boolean =>
          (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2) ||
          style.boxShadow !== 'none';
        return {
          // A switch is named by its label, as assistive technology reads it.
          name: e.getAttribute('aria-label') ?? (e.labels?.[0] ?? e).textContent?.trim() ?? '',
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
    expect(names('toolbar')).toEqual(['Start', 'Stop', 'Restart', 'Down', 'Mirror production']);
    expect(names('graph controls')).toEqual(['Zoom in', 'Zoom out', 'Fit graph']);
    // The services are one tab stop: Tab goes past the graph in one step, and the arrows reach
    // every service (graph-keyboard.test.ts).
    expect(names('graph')).toHaveLength(1);
    expect(services).toContain(reached.find((r) => r.where === 'graph')?.name.split(/[ ,]/)[1]);
    expect(reached.filter((r) => !r.visible)).toEqual([]);
  });

  it('has no serious or critical axe finding with the details and the problems open', async () => {
    await node('kafka').click();
    await page.getByRole('complementary', { name: 'Service kafka details' }).waitFor();
    const problems = page.getByRole('region', { name: 'Problems in the project files' });
    await problems.getByRole('button', { name: 'Show all' }).click();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      const findings = findingLines(theme, await axeFindings(page));
      await page.screenshot({ path: `${ARTIFACTS_DIR}big-project-details-${theme}.png` });
      expect(findings).toEqual([]);
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
        const findings = findingLines(`${tab}, ${theme}`, await axeFindings(page));
        await page.screenshot({
          path: `${ARTIFACTS_DIR}big-project-${tab.toLowerCase()}-${theme}.png`,
        });
        expect(findings).toEqual([]);
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
      const findings = findingLines(theme, [...inDown, ...inAccept]);
      expect(findings).toEqual([]);
    }
  }, 60_000);

  it('logs no error in the page', () => {
    expect(open.errors).toEqual([]);
  });
});
