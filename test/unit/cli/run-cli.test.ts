import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/cli';

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCliCaptured(args, env);
}

describe('parity CLI', () => {
  it('lists its commands on --help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/ps\s+List the Compose stacks/);
    expect(out).toMatch(/serve\s+Serve the Parity UI/);
  });

  it('exits 2 with the usage on an unknown command or option', async () => {
    const unknown = await run(['deploy']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "deploy"');
    const badOption = await run(['ps', '--colour']);
    expect(badOption.code).toBe(2);
    expect(badOption.err).toContain("Unknown option '--colour'");
    expect(badOption.err).toContain('Usage: parity ps');
  });

  it('refuses to serve on a non-loopback address', async () => {
    const { code, err } = await run(['serve', '--host', '0.0.0.0', '--port', '0']);
    expect(code).toBe(2);
    expect(err).toContain('loopback only');
  });

  it('exits 2 on a port that is not a number', async () => {
    const { code, err } = await run(['serve', '--port', 'eighty']);
    expect(code).toBe(2);
    expect(err).toContain('--port expects a number');
  });

  it('says where it looked when the engine cannot be reached, and exits 1', async () => {
    const { code, err } = await run(['ps'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(code).toBe(1);
    expect(err).toContain('cannot reach the Docker engine at unix:///nonexistent/docker.sock');
  });
});
