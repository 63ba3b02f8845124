import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { down } from '../../src/main/engine/down';
import { PARITY_BIN, runParity } from '../support/cli';
import { connectTestEngine, uniqueProjectName } from '../support/engine';
import { makeProject } from '../support/project-dir';

const engine = DockerEngine.fromEnvironment();

describe('parity up without -d: attached to the services, as docker compose up', () => {
  const jobs = uniqueProjectName('parity-it-attach-jobs');
  const server = uniqueProjectName('parity-it-attach-server');
  beforeAll(() => connectTestEngine());
  afterAll(async () => {
    await down(engine, jobs, { volumes: true, timeoutSeconds: 0 });
    await down(engine, server, { volumes: true, timeoutSeconds: 0 });
  });

  it("prints each service's output with its prefix and returns when every container has stopped", async () => {
    const dir = makeProject('jobs', {
      'compose.yaml': [
        'services:',
        '  migrate: { image: busybox:1.37, command: [sh, -c, "echo migrating; echo done"] }',
        '  seed: { image: busybox:1.37, command: [sh, -c, "sleep 1; echo seeded"], depends_on: [migrate] }',
        '',
      ].join('\n'),
    });
    const run = await runParity(['up', '--project-directory', dir, '-p', jobs]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
    expect(lines).toEqual(
      expect.arrayContaining([
        'migrate-1 | migrating',
        'migrate-1 | done',
        'seed-1 | seeded',
      ]) as unknown,
    );
  });

  it('stops the services on Ctrl+C and exits 0, leaving the containers in place', async () => {
    const dir = makeProject('server', {
      'compose.yaml': [
        'services:',
        '  web:',
        '    image: busybox:1.37',
        '    command: [sh, -c, "echo listening; exec sleep 600"]',
        '    init: true',
        '',
      ].join('\n'),
    });
    const child = spawn(process.execPath, [
      PARITY_BIN,
      'up',
      '--project-directory',
      dir,
      '-p',
      server,
    ]);
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('listening')) resolve();
      });
    });
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code).toBe(0);
    expect(stderr).toContain('Stopping the services');
    expect((await engine.listProjectContainers(server)).map((c) => c.State)).toEqual(['exited']);
  });
});
