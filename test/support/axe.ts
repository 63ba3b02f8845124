import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** One rule axe-core finds broken, with the elements that break it. */
export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's serious and critical findings on the page as it is now. */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
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

/**
 * One line per finding ("light: color-contrast (serious): 3"), for a test to expect none of;
 * the elements and what to fix are printed, so that a failure says where to look.
 */
export function findingLines(label: string, findings: readonly AxeFinding[]): string[] {
  if (findings.length > 0) console.log(label, JSON.stringify(findings, null, 2));
  return findings.map((f) => `${label}: ${f.id} (${f.impact}): ${f.nodes.length}`);
}
