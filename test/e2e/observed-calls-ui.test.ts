// Observed calls in Chromium, through `parity serve`: spans posted to the receiver it prints
// (Zipkin v2 JSON and OTLP/HTTP JSON) appear on the graph as edges, and a call to the
// production database host of examples/shop's manifests is listed and flagged.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, findingLines } from '../support/axe';
import { ARTIFACTS_DIR, launchChromium } from '../support/browser';
import { startParityServe, type ServeProcess } from '../support/cli';
import { uniqueProjectName } from '../support/engine';
import { copyShop, testSettingsEnv } from '../support/shop';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

function zipkinSpans(): object[] {
  // web calls api twice (one 500), api's server halves reported with skewed clocks.
  return ['01', '02'].flatMap((n, i) => [
    {
      traceId: TRACE,
      id: `c0000000000000${n}`,
      kind: 'CLIENT',
      timestamp: 1_800_000_000_000_000,
      duration: 12_000,
      localEndpoint: { serviceName: 'web' },
      tags: {
        'http.url': 'http://api:8081/cgi-bin/orders',
        'http.status_code': i === 0 ? '500' : '200',
      },
    },
    {
      traceId: TRACE,
      parentId: `c0000000000000${n}`,
      id: `d0000000000000${n}`,
      kind: 'SERVER',
      timestamp: 1_799_999_999_000_000,
      duration: 8_000,
      localEndpoint: { serviceName: 'api' },
    },
  ]);
}

function otlpRequest(): object {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: TRACE,
                spanId: 'e000000000000001',
                kind: 3,
                startTimeUnixNano: '1800000000000000000',
                endTimeUnixNano: '1800000000003000000',
                attributes: [
                  { key: 'db.system', value: { stringValue: 'postgresql' } },
                  { key: 'peer.service', value: { stringValue: 'shop-db.prod.example.com' } },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

async function post(url: string, body: unknown): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.status;
}

describe('observed calls on the graph, served by parity serve, in Chromium', () => {
  const name = uniqueProjectName('parity-traces-ui');
  const dir = copyShop(name);
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    serve = await startParityServe(testSettingsEnv(), [dir]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.url);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('prints the receiver as full URLs', () => {
    expect(serve.output).toMatch(/^traces: http:\/\/127\.0\.0\.1:\d+\/api\/v2\/spans$/m);
    expect(serve.output).toMatch(/^otlp: http:\/\/127\.0\.0\.1:\d+\/v1\/traces$/m);
  });

  it('shows where to send spans, then the edge and the production host once spans are posted', async () => {
    const zipkin = /^traces: (\S+)$/m.exec(serve.output)?.[1] ?? '';
    const otlp = /^otlp: (\S+)$/m.exec(serve.output)?.[1] ?? '';
    await page.getByText(/No calls seen in the last 15 minutes/).waitFor();
    expect(await post(zipkin, zipkinSpans())).toBe(202);
    expect(await post(otlp, otlpRequest())).toBe(200);

    const edge = page.getByRole('img', { name: 'web → api: 2 calls, 1 failed, p95 12 ms' });
    await edge.waitFor();
    expect(await edge.locator('line').getAttribute('style')).toMatch(/stroke-dasharray: 6,? 4/);
    const hosts = page.getByRole('list', { name: 'Outside calls' });
    const item = hosts.getByRole('listitem', {
      name: 'shop-db.prod.example.com, a production host',
    });
    await item.waitFor();
    expect(await item.textContent()).toContain(
      'production host (named in deploy/k8s/config.yaml:14)',
    );
    expect(await item.textContent()).toContain('from api: 1 call');
    await page.screenshot({ path: `${ARTIFACTS_DIR}observed-calls.png` });
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      expect(findingLines(`observed calls, ${theme}`, await axeFindings(page))).toEqual([]);
    }
  });

  it('forgets them on reset', async () => {
    await page.getByRole('button', { name: 'Reset observed calls' }).click();
    await page.getByText(/No calls seen in the last 15 minutes/).waitFor();
    expect(await page.getByRole('img', { name: /web → api/ }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
