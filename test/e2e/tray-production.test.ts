import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  launchApp,
  mainBundleBuilt,
  type AppReport,
  type RunningApp,
} from '../support/electron-app';
import { startFakeEngine, type FakeEngine } from '../support/fake-engine';
import { lines, makeProject, deploymentWithEnv } from '../support/project-dir';

// The desktop app's main process (built, under the stand-in `electron`, as app-startup.test.ts
// runs it): a span saying the project's api called a host its production manifests name
// reaches the app's own receiver, and the tray marks the project. The engine is a fake that
// answers: no container is needed for spans, only the project's files.

const running: RunningApp[] = [];
const engines: FakeEngine[] = [];

beforeAll(() => {
  if (!mainBundleBuilt()) throw new Error('out/main/index.js is missing: run `npm run build`');
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.kill()));
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
});

const menuWith = (pattern: RegExp) => (r: AppReport) =>
  r.event === 'tray.menu' &&
  (r.items as { label: string }[]).some((item) => pattern.test(item.label));

describe('the tray and a laptop calling production', () => {
  it('marks the project once its api is seen calling api.example.com', async () => {
    const engine = await startFakeEngine('ok');
    engines.push(engine);
    const directory = makeProject('shop', {
      'compose.yaml': lines('services:', '  api:', '    image: busybox:1.37'),
      'parity.yaml': lines('name: shop', 'production:', '  - kubernetes: k8s'),
      'k8s/api.yaml': deploymentWithEnv('api', {
        PAYMENTS_URL: 'https://api.example.com/payments',
      }),
    });
    const app = launchApp({
      settings: { engineEndpoint: engine.endpoint, projects: [{ directory, startAtLogin: false }] },
    });
    running.push(app);
    await app.waitFor(menuWith(/^shop — /), 15_000);
    expect(app.reports.some(menuWith(/calling production/))).toBe(false);

    // Where the app listens: 9411 unless another receiver holds it, so read from its log.
    let zipkin = '';
    await expect
      .poll(() => (zipkin = /Receiving spans at (\S+)/.exec(app.log())?.[1] ?? ''), {
        timeout: 10_000,
      })
      .toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2\/spans$/);
    const posted = await fetch(zipkin, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify([
        {
          traceId: 'aa00000000000001',
          id: 'ab00000000000001',
          kind: 'CLIENT',
          duration: 40_000,
          localEndpoint: { serviceName: 'api' },
          tags: { 'http.url': 'https://api.example.com/payments/charge' },
        },
      ]),
    });
    expect(posted.status).toBe(202);

    // A client naming only a host waits 5 s for its server before it counts as a call.
    const marked = await app.waitFor(
      menuWith(/^shop — stopped ⚠ calling production: api\.example\.com$/),
      20_000,
    );
    const labels = (marked.items as { label: string }[]).map((item) => item.label);
    expect(labels).toContain(
      'shop — stopped ⚠ calling production: api.example.com > ⚠ Calling production: api.example.com',
    );
    await app.waitFor(
      (r) =>
        r.event === 'tray.tooltip' &&
        String(r.text) === 'Parity — nothing running, 1 calling production',
    );
    expect(app.log()).not.toMatch(/unhandled/i);
  });
});
