import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { runParity, startParityServe, type ServeProcess } from './cli';
import { connectTestEngine, removeProject, uniqueProjectName } from './engine';
import { testSettingsEnv } from './shop';

// 27 services shaped like a real microservice demo, with warnings and production drift.
const FIXTURE = fileURLToPath(new URL('../fixtures/big-project', import.meta.url));

/** The services test/fixtures/big-project declares, in file order. */
export function bigProjectServices(): string[] {
  return [
    ...readFileSync(join(FIXTURE, 'compose.yaml'), 'utf8').matchAll(/^ {2}([a-z-]+):$/gm),
  ].map((m) => m[1] ?? '');
}

/** A copy of the fixture under a project name of its own, so parallel runs never meet. */
export function copyBigProject(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'parity-big-')), name);
  cpSync(FIXTURE, dir, { recursive: true });
  const parity = join(dir, 'parity.yaml');
  writeFileSync(parity, readFileSync(parity, 'utf8').replace(/^name: .*$/m, `name: ${name}`));
  return dir;
}

/** The fixture open in Chromium at 1280x800 through `parity serve`, and how to close it all. */
export interface BigProjectPage {
  name: string;
  page: Page;
  /** Console errors and uncaught exceptions of the page. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Copies the fixture under a unique name, starts `start` (with their dependencies) on the
 * engine, serves it and opens it in Chromium, waiting for its graph.
 */
export async function openBigProject(
  prefix: string,
  start: readonly string[],
): Promise<BigProjectPage> {
  const docker = await connectTestEngine();
  const name = uniqueProjectName(prefix);
  const dir = copyBigProject(name);
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await serve?.stop();
    await removeProject(docker, name);
  };
  try {
    if (start.length > 0) {
      const up = await runParity(['up', '-d', '--wait', '--project-directory', dir, ...start]);
      if (up.code !== 0) throw new Error(`parity up failed: ${up.stderr}${up.stdout}`);
    }
    serve = await startParityServe(testSettingsEnv(), [dir]);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(serve.url);
    const last = bigProjectServices().pop() ?? '';
    await page.getByRole('button', { name: new RegExp(`^Service ${last},`) }).waitFor();
    return { name, page, errors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
