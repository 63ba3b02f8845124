import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultSettings, type Settings } from '../../src/shared/settings';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const MAIN_BUNDLE = join(REPO, 'out', 'main', 'index.js');
const REGISTER = fileURLToPath(new URL('./stand-in-electron/register.js', import.meta.url));

/** One thing the stand-in `electron` reported (test/support/stand-in-electron/electron.js). */
export interface AppReport {
  event: string;
  /** Milliseconds since the stand-in was loaded. */
  ms: number;
  [key: string]: unknown;
}

/** A user's move, as the stand-in takes it. */
export type UserMove =
  | { do: 'second-instance'; argv: string[]; cwd: string }
  | { do: 'activate' }
  | { do: 'close-windows' }
  | { do: 'tray-click'; labels: string[] };

/** The built main process running under the stand-in `electron`. */
export interface RunningApp {
  reports: AppReport[];
  /** The first report matching, waiting up to `timeoutMs` for it. */
  waitFor(match: (report: AppReport) => boolean, timeoutMs?: number): Promise<AppReport>;
  send(move: UserMove): void;
  /** Settles with the exit code when the process ends. */
  exited: Promise<number | null>;
  stderr(): string;
  /** The app's own log file (main.log), '' when it wrote none. */
  log(): string;
  kill(): Promise<void>;
}

/** What a launch gets: Settings, extra environment, command-line arguments. */
export interface LaunchOptions {
  settings?: Partial<Settings>;
  env?: Record<string, string>;
  args?: string[];
}

/** Whether `npm run build` has made the main bundle these tests run. */
export function mainBundleBuilt(): boolean {
  return existsSync(MAIN_BUNDLE);
}

/**
 * Starts out/main/index.js as Electron would, with a home, settings file and user-data folder
 * of its own, and no DOCKER_HOST or DOCKER_CONTEXT from the test's environment (so the engine
 * in Settings is the one used, unless `env` names one).
 */
export function launchApp({ settings = {}, env = {}, args = [] }: LaunchOptions = {}): RunningApp {
  const home = mkdtempSync(join(tmpdir(), 'parity-app-home-'));
  const settingsFile = join(home, 'settings', 'config.json');
  mkdirSync(join(home, 'settings'));
  writeFileSync(
    settingsFile,
    `${JSON.stringify({ ...defaultSettings(), ...settings }, null, 2)}\n`,
  );
  const userData = join(home, 'user-data');
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.DOCKER_HOST;
  delete base.DOCKER_CONTEXT;
  delete base.DOCKER_TLS_VERIFY;
  delete base.DOCKER_CERT_PATH;
  const child: ChildProcess = fork(MAIN_BUNDLE, args, {
    cwd: REPO,
    execArgv: ['--import', REGISTER],
    env: {
      ...base,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      DOCKER_CONFIG: join(home, '.docker'),
      PARITY_SETTINGS: settingsFile,
      STAND_IN_USER_DATA: userData,
      STAND_IN_APP_PATH: REPO,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const reports: AppReport[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.resume();
  child.on('message', (message: AppReport) => {
    reports.push(message);
    for (const wake of [...waiters]) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    reports,
    waitFor(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = reports.find(match);
          if (!found) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(
            new Error(
              `the app did not report it within ${timeoutMs} ms; it reported: ${reports
                .map((r) => `${r.ms} ${r.event}`)
                .join(', ')}\nstderr: ${stderr}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(wake);
      });
    },
    send: (move) => void child.send(move),
    exited,
    stderr: () => stderr,
    log: () => {
      const file = join(userData, 'logs', 'main.log');
      return existsSync(file) ? readFileSync(file, 'utf8') : '';
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
    },
  };
}
