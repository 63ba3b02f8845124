import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi, type ParityApi } from '../../../src/main/api/create-api';
import { loadFailure } from '../../../src/main/api/project-registry';
import { DockerEngine } from '../../../src/main/engine/docker-engine';
import { memorySettings, recordingSession } from '../../support/api';
import { makeProject } from '../../support/project-dir';

const SHOP = fileURLToPath(new URL('../../../examples/shop', import.meta.url));

// Projects a stranger's repository could be: a chain of 4,000 `extends` (deeper than the
// JavaScript stack, which reading it used to overflow), one with an alias bomb in compose.yaml.
function extendsChain(): string {
  let text = 'services:\n';
  for (let i = 0; i < 4_000; i++) text += `  s${i}:\n    extends: s${i + 1}\n`;
  return `${text}  s4000:\n    image: busybox:1.37\n`;
}

// Reading the projects takes a few seconds on a loaded machine.
const SLOW = 30_000;

function aliasBomb(): string {
  let text = 'x-bomb:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i <= 9; i++) {
    text += `  l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(', ')}]\n`;
  }
  return `${text}services:\n  app:\n    image: busybox:1.37\n`;
}

function shopCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'parity-api-')), 'shop');
  cpSync(SHOP, dir, { recursive: true });
  return dir;
}

// The files only: the engine here answers nothing.
function apiWith(directories: string[]) {
  const settings = memorySettings({
    projects: directories.map((directory) => ({ directory, startAtLogin: false })),
  });
  const api = createApi({
    engine: DockerEngine.fromEnvironment({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }),
    settings,
    env: {},
  });
  return { api, settings };
}

describe('projects that cannot be read', () => {
  let api: ParityApi | undefined;
  afterEach(() => api?.close());

  it(
    'are each one project in error; the others still list',
    async () => {
      const broken = makeProject('deep-extends', { 'compose.yaml': extendsChain() });
      const bomb = makeProject('bomb', { 'compose.yaml': aliasBomb() });
      const shop = shopCopy();
      const made = apiWith([broken, shop, bomb]);
      api = made.api;
      const started = performance.now();
      const list = await api.handlers['projects.list']({}, recordingSession());
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(list.map((p) => [p.name, p.state])).toEqual([
        ['deep-extends', 'invalid'],
        ['shop', 'stopped'],
        ['bomb', 'invalid'],
      ]);
      expect(list[0]?.problems[0]).toMatchObject({
        severity: 'error',
        message: expect.stringMatching(/^found a chain of more than 64 services/) as string,
        position: { file: 'compose.yaml' },
      });
      expect(list[2]?.problems[0]).toMatchObject({
        severity: 'error',
        message: expect.stringMatching(/^found excessive aliasing/) as string,
        position: { file: 'compose.yaml', line: 11, column: 12 },
      });
    },
    SLOW,
  );

  it(
    'are saved by projects.add as projects in error, and listed beside the others',
    async () => {
      const shop = shopCopy();
      const made = apiWith([shop]);
      api = made.api;
      const session = recordingSession();
      const deep = makeProject('deep-extends', { 'compose.yaml': extendsChain() });
      const bomb = makeProject('bomb', { 'compose.yaml': aliasBomb() });
      for (const directory of [deep, bomb]) {
        const added = await api.handlers['projects.add']({ directory }, session);
        expect(added.state).toBe('invalid');
      }
      expect(made.settings.read().projects.map((p) => p.directory)).toEqual([shop, deep, bomb]);
      const list = await api.handlers['projects.list']({}, session);
      expect(list.map((p) => p.name)).toEqual(['shop', 'deep-extends', 'bomb']);
    },
    SLOW,
  );

  it('turn a reading that throws (a limit not yet enforced) into one problem', () => {
    expect(loadFailure(new RangeError('Maximum call stack size exceeded'))).toEqual({
      severity: 'error',
      message: expect.stringMatching(
        /^cannot read the project: its files nest too deeply/,
      ) as string,
    });
  });
});
