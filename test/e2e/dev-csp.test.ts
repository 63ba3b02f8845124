import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Browser } from 'playwright-core';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devContentSecurityPolicy } from '../../scripts/dev-csp';
import { launchChromium } from '../support/browser';

// `electron-vite dev` loads the renderer from Vite's dev server. Its page must run React Fast
// Refresh's inline preamble and the style tags Vite injects for each CSS import under the
// page's policy, which in production allows neither. Served here by Vite itself, as
// electron-vite serves it, in Chromium.
const RENDERER = fileURLToPath(new URL('../../src/renderer', import.meta.url));

let browser: Browser;
const servers: ViteDevServer[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => server.close()));
});

async function serve(plugins: Plugin[]): Promise<string> {
  const server = await createServer({
    configFile: false,
    root: RENDERER,
    logLevel: 'silent',
    plugins: [react(), ...plugins],
    server: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  servers.push(server);
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the dev server has no port');
  return `http://127.0.0.1:${address.port}/`;
}

// What the page refused, whether React rendered, how many style sheets apply.
async function load(
  url: string,
): Promise<{ refused: string[]; rendered: boolean; sheets: number; policy: string }> {
  const page = await browser.newPage();
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/.test(message.text())) refused.push(message.text());
  });
  await page.goto(url);
  await page.locator('#root > *').first().waitFor();
  await page.waitForLoadState('networkidle');
  const seen = {
    rendered: (await page.locator('#root > *').count()) > 0,
    sheets: await page.evaluate<number>('document.styleSheets.length'),
    policy:
      (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ??
      '',
  };
  await page.close();
  return { refused, ...seen };
}

describe('the page under the dev server', () => {
  it('applies the style tags Vite injects and allows its preamble, with no policy violation', async () => {
    const { refused, rendered, sheets, policy } = await load(
      await serve([devContentSecurityPolicy()]),
    );
    expect(refused).toEqual([]);
    expect(rendered).toBe(true);
    expect(sheets).toBeGreaterThan(0);
    // Fast Refresh's inline preamble by its hash, not by allowing every inline script.
    expect(policy).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('would be unstyled under the production policy (what the plugin fixes)', async () => {
    const { refused, sheets } = await load(await serve([]));
    expect(sheets).toBe(0);
    expect(refused.join('\n')).toMatch(/style-src/);
  });

  it('leaves the production page strict: no inline script or style allowed', () => {
    const html = readFileSync(`${RENDERER}/index.html`, 'utf8');
    expect(html).toMatch(/script-src 'self';/);
    expect(html).not.toMatch(/unsafe-inline|sha256-/);
    expect(devContentSecurityPolicy()).toMatchObject({ apply: 'serve' });
  });
});
