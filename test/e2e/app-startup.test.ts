import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  launchApp,
  mainBundleBuilt,
  type AppReport,
  type LaunchOptions,
  type RunningApp,
} from '../support/electron-app';
import { uniqueProjectName } from '../support/engine';
import { startFakeEngine, type FakeEngine } from '../support/fake-engine';
import { lines, makeProject } from '../support/project-dir';

// The desktop app's main process, built (`npm run build`), run under plain Node with a
// stand-in for the `electron` module (test/support/stand-in-electron): what a user meets at
// first launch, where no Electron binary can be downloaded. The engines that answer 500 or
// never answer are fakes, as a real engine cannot be made to; the absent one is a socket path
// with nothing there.

// "At once": the window is asked for before any engine round trip, so well under the 3 s the
// engine probe may wait.
const AT_ONCE_MS = 1000;

const running: RunningApp[] = [];
const engines: FakeEngine[] = [];

function start(options: LaunchOptions): RunningApp {
  const app = launchApp(options);
  running.push(app);
  return app;
}

async function fakeEngine(mode: Parameters<typeof startFakeEngine>[0]): Promise<FakeEngine> {
  const engine = await startFakeEngine(mode);
  engines.push(engine);
  return engine;
}

function project(): { name: string; directory: string } {
  const name = uniqueProjectName('parity-startup');
  const directory = makeProject(name, {
    'compose.yaml': lines(
      'services:',
      '  web:',
      '    image: busybox:1.37',
      '    command: sleep 600',
    ),
  });
  return { name, directory };
}

const shown = (r: AppReport): boolean => r.event === 'window.shown';
const ready = (r: AppReport): boolean => r.event === 'app.ready';
const tooltip = (pattern: RegExp) => (r: AppReport) =>
  r.event === 'tray.tooltip' && pattern.test(String(r.text));
const menuWith = (pattern: RegExp) => (r: AppReport) =>
  r.event === 'tray.menu' &&
  (r.items as { label: string }[]).some((item) => pattern.test(item.label));

// No unhandled rejection, wherever it came from: the app logs each to its log file.
function expectNoUnhandled(app: RunningApp): void {
  expect(app.log()).not.toMatch(/unhandled/i);
  expect(app.stderr()).not.toMatch(/unhandled/i);
}

beforeAll(() => {
  if (!mainBundleBuilt()) throw new Error('out/main/index.js is missing: run `npm run build`');
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.kill()));
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
});

describe('the app at first launch', () => {
  it('opens its window at once on an engine answering 500, says so, and recovers when it is up', async () => {
    const engine = await fakeEngine('starting');
    const { name, directory } = project();
    const app = start({
      settings: { engineEndpoint: engine.endpoint, projects: [{ directory, startAtLogin: false }] },
    });
    const readyAt = (await app.waitFor(ready)).ms;
    expect((await app.waitFor(shown)).ms - readyAt).toBeLessThan(AT_ONCE_MS);
    // The engine in Settings is the one asked, and the tray says it is not ready and why.
    await app.waitFor(tooltip(/not reachable.*500.*Starting the Docker Engine/), 10_000);
    await app.waitFor(menuWith(/Docker engine not reachable/));
    expect(engine.requests.length).toBeGreaterThan(0);

    engine.setMode('ok');
    const recovered = await app.waitFor(
      (r) => tooltip(/^Parity/)(r) && !/not reachable/.test(String(r.text)) && r.ms > readyAt,
      15_000,
    );
    expect(recovered.text).not.toMatch(/not reachable/);
    await app.waitFor(menuWith(new RegExp(name)));
    expect(app.reports.filter((r) => r.event === 'window.created')).toHaveLength(1);
    expectNoUnhandled(app);
  });

  it('opens its window at once on an engine that never answers, then says it does not answer', async () => {
    const engine = await fakeEngine('hang');
    const { directory } = project();
    const app = start({
      settings: { engineEndpoint: engine.endpoint, projects: [{ directory, startAtLogin: false }] },
    });
    const readyAt = (await app.waitFor(ready)).ms;
    expect((await app.waitFor(shown)).ms - readyAt).toBeLessThan(AT_ONCE_MS);
    await app.waitFor(tooltip(/not reachable.*no answer within/), 10_000);
    expectNoUnhandled(app);
  });

  it('opens its window at once with no engine at all, and says there is no socket', async () => {
    const app = start({
      settings: { engineEndpoint: 'unix:///nonexistent/parity-test/docker.sock' },
    });
    const readyAt = (await app.waitFor(ready)).ms;
    expect((await app.waitFor(shown)).ms - readyAt).toBeLessThan(AT_ONCE_MS);
    await app.waitFor(tooltip(/not reachable.*no Docker socket there/));
    expectNoUnhandled(app);
  });

  it('opens one window when launched again while starting, with the second launch’s folder', async () => {
    const engine = await fakeEngine('starting');
    const first = project();
    const second = project();
    const app = start({
      settings: {
        engineEndpoint: engine.endpoint,
        projects: [{ directory: first.directory, startAtLogin: false }],
      },
    });
    await app.waitFor(ready);
    app.send({ do: 'second-instance', argv: ['parity', second.directory], cwd: '/' });
    await app.waitFor(menuWith(new RegExp(second.name)), 10_000);
    await app.waitFor(tooltip(/not reachable/), 10_000);
    expect(app.reports.filter((r) => r.event === 'window.created')).toHaveLength(1);
    expectNoUnhandled(app);
  });

  it('reopens its window on a Dock click after the window was closed (macOS)', async () => {
    const app = start({
      settings: { engineEndpoint: 'unix:///nonexistent/parity-test/docker.sock' },
      env: { STAND_IN_PLATFORM: 'darwin' },
    });
    await app.waitFor(shown);
    app.send({ do: 'close-windows' });
    await app.waitFor((r) => r.event === 'window.closed' && r.count === 0);
    // Closing the window leaves Parity in the menu bar.
    expect(app.reports.some((r) => r.event === 'app.quit')).toBe(false);
    app.send({ do: 'activate' });
    await app.waitFor((r) => r.event === 'window.created' && r.ms > 0 && countCreated(app) === 2);
    await app.waitFor((r) => shown(r) && countShown(app) === 2);
    expectNoUnhandled(app);
  });

  it('sends its notifications under the installer’s app id on Windows', async () => {
    const app = start({
      settings: { engineEndpoint: 'unix:///nonexistent/parity-test/docker.sock' },
      env: { STAND_IN_PLATFORM: 'win32' },
    });
    const id = await app.waitFor((r) => r.event === 'app.setAppUserModelId');
    expect(id.id).toBe('dev.parity.app');
    // Before any notification could go out.
    const firstNotification = app.reports.find((r) => r.event === 'notification');
    if (firstNotification) expect(id.ms).toBeLessThanOrEqual(firstNotification.ms);
    await app.waitFor(shown);
  });

  it.each([
    { theme: 'light', systemDark: '1', icon: /-dark\.png$/ },
    { theme: 'dark', systemDark: '0', icon: /-light\.png$/ },
  ] as const)(
    'draws its Linux tray icon for the system’s panel, not the app’s theme ($theme in Parity)',
    async ({ theme, systemDark, icon }) => {
      const app = start({
        settings: { theme, engineEndpoint: 'unix:///nonexistent/parity-test/docker.sock' },
        env: { STAND_IN_SYSTEM_DARK: systemDark, STAND_IN_PLATFORM: 'linux' },
      });
      await app.waitFor(tooltip(/not reachable/));
      const icons = app.reports
        .filter((r) => r.event === 'tray.created' || r.event === 'tray.icon')
        .map((r) => String(r.icon));
      expect(icons.at(-1)).toMatch(icon);
    },
  );

  it('quits from the tray menu', async () => {
    const app = start({
      settings: { engineEndpoint: 'unix:///nonexistent/parity-test/docker.sock' },
    });
    await app.waitFor(menuWith(/Quit Parity/));
    app.send({ do: 'tray-click', labels: ['Quit Parity'] });
    expect(await app.exited).toBe(0);
    expectNoUnhandled(app);
  });
});

function countCreated(app: RunningApp): number {
  return app.reports.filter((r) => r.event === 'window.created').length;
}

function countShown(app: RunningApp): number {
  return app.reports.filter(shown).length;
}
