import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { projectLockKey } from '../../src/main/engine/project-lock';
import { runParity } from '../support/cli';
import { connectTestEngine, TEST_IMAGE, uniqueProjectName } from '../support/engine';
import { makeProject } from '../support/project-dir';

// Hostile repositories against what the CLI writes (issue 14, findings 5 and 12), run as a
// user runs it: the built `parity`, with a lock folder and settings of the test's own.
const name = uniqueProjectName('parity-it-writes');
const home = mkdtempSync(join(tmpdir(), 'parity-writes-home-'));
const runtime = join(home, 'run');
const env = {
  ...process.env,
  XDG_RUNTIME_DIR: runtime,
  PARITY_SETTINGS: join(home, 'Parity', 'config.json'),
};
let dir: string;

beforeAll(async () => {
  await connectTestEngine();
  dir = makeProject(name, {
    'compose.yaml': `services:\n  app: { image: "${TEST_IMAGE}", command: [sleep, "60"] }\n`,
  });
});

describe('parity lock and parity snapshot never write through a committed symlink', () => {
  it('refuses parity.lock -> ../victim/bashrc with exit 2 and a clear error; the target is untouched', async () => {
    const victim = join(dir, '..', 'victim');
    mkdirSync(victim);
    writeFileSync(join(victim, 'bashrc'), 'export PS1=safe\n');
    symlinkSync('../victim/bashrc', join(dir, 'parity.lock'));
    const run = await runParity(['lock', '--project-directory', dir], env);
    expect(run.stderr).toContain(
      `parity lock: ${join(dir, 'parity.lock')} is a symbolic link (to ../victim/bashrc); Parity does not write through links`,
    );
    expect(run.code).toBe(2);
    expect(readFileSync(join(victim, 'bashrc'), 'utf8')).toBe('export PS1=safe\n');
    expect(lstatSync(join(dir, 'parity.lock')).isSymbolicLink()).toBe(true);
    // No temporary file left beside it.
    expect(readdirSync(dir).sort()).toEqual(['compose.yaml', 'parity.lock']);
  });

  it('writes a new parity.lock as a file of its own, 0600', async () => {
    const fresh = makeProject(`${name}-b`, {
      'compose.yaml': `services:\n  app: { image: "${TEST_IMAGE}" }\n`,
    });
    const run = await runParity(['lock', '--project-directory', fresh], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(join(fresh, 'parity.lock'), 'utf8')).toContain(TEST_IMAGE);
    if (process.platform !== 'win32')
      expect(statSync(join(fresh, 'parity.lock')).mode & 0o777).toBe(0o600);
  });

  it('refuses a snapshot -o naming a symlink, and writes a new snapshot 0600', async () => {
    const outside = join(dir, '..', 'outside.json');
    writeFileSync(outside, '{}\n');
    symlinkSync(outside, join(dir, 'snap-link.json'));
    const refused = await runParity(
      ['snapshot', '--project-directory', dir, '-o', join(dir, 'snap-link.json')],
      env,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is a symbolic link');
    expect(readFileSync(outside, 'utf8')).toBe('{}\n');
    const written = await runParity(
      ['snapshot', '--project-directory', dir, '-o', join(dir, 'snap.json')],
      env,
    );
    expect(written.code).toBe(0);
    if (process.platform !== 'win32')
      expect(statSync(join(dir, 'snap.json')).mode & 0o777).toBe(0o600);
  });
});

describe('operation locks', () => {
  it.runIf(process.platform === 'linux')(
    'parity stop takes over a planted lock naming pid 1 at once, and leaves no lock behind',
    async () => {
      const locks = join(runtime, 'parity', 'locks');
      mkdirSync(locks, { recursive: true, mode: 0o700 });
      const key = projectLockKey(DockerEngine.fromEnvironment().endpoint, name);
      const planted = join(locks, `${key}.lock`);
      writeFileSync(
        planted,
        JSON.stringify({
          pid: 1,
          start: '1',
          argv: ['parity', 'up'],
          since: Date.now(),
          token: 'x',
        }),
      );
      const began = Date.now();
      const run = await runParity(['stop', '--project-directory', dir], env);
      expect(run.stderr).not.toContain('Waiting for');
      expect(run.code).toBe(0);
      expect(Date.now() - began).toBeLessThan(15_000);
      expect(readdirSync(locks)).toEqual([]);
      expect(statSync(locks).mode & 0o777).toBe(0o700);
    },
  );
});
