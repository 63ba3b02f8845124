import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/cli';
import { writeDockerContext } from '../../support/docker-contexts';

let home: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'parity-flags-'));
  writeDockerContext(join(home, '.docker'), 'gone', 'unix:///nonexistent/gone.sock');
  env = { HOME: home };
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('the engine flags of every command', () => {
  it('take a context or an address, before or after the command, and say which in errors', async () => {
    const before = await runCliCaptured(['--context', 'gone', 'ps'], env);
    expect(before.code).toBe(1);
    expect(before.err).toBe(
      'parity ps: cannot reach the Docker engine at unix:///nonexistent/gone.sock (context "gone" from --context): no Docker socket there: is the engine running?\n',
    );
    const after = await runCliCaptured(['ps', '-H', 'unix:///nonexistent/h.sock'], env);
    expect(after.err).toBe(
      'parity ps: cannot reach the Docker engine at unix:///nonexistent/h.sock (-H/--host): no Docker socket there: is the engine running?\n',
    );
    const viaEnv = await runCliCaptured(['ps'], { ...env, DOCKER_CONTEXT: 'gone' });
    expect(viaEnv.err).toContain('(context "gone" from DOCKER_CONTEXT)');
  });

  it('refuses a flag without a value, both flags at once, or a context that does not exist', async () => {
    const bare = await runCliCaptured(['--context'], env);
    expect(bare.code).toBe(2);
    expect(bare.err).toMatch(/^parity: --context expects a value/);
    const both = await runCliCaptured(['--context', 'gone', 'ps', '-H', 'unix:///x'], env);
    expect(both.code).toBe(2);
    expect(both.err).toContain('give either --context or -H/--host, not both');
    const missing = await runCliCaptured(['ps', '--context', 'nope'], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(
      `parity ps: Docker context "nope" (from --context) does not exist in ${join(home, '.docker')}/contexts: \`docker context ls\` lists the contexts there\n`,
    );
  });

  it('leave serve --host as the address it listens on', async () => {
    const { code, err } = await runCliCaptured(['serve', '--host', '0.0.0.0', '--port', '0'], env);
    expect(code).toBe(2);
    expect(err).toContain('loopback only');
  });
});
