import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParity } from '../support/cli';
import { connectTestEngine, uniqueProjectName } from '../support/engine';
import { lines, makeProject } from '../support/project-dir';

// What docker compose does on every engine, API 1.41 (Docker 20.10) included: a service on
// several networks joins them all, with its aliases per network, and a bind whose source is
// an existing file or socket mounts it as it is. Run through the CLI, as a user runs it.

let docker: Docker;
beforeAll(async () => {
  docker = await connectTestEngine();
});

describe('networks and bind sources on the real engine', () => {
  const name = uniqueProjectName('parity-it-nets');
  const dir = makeProject('nets', {
    'compose.yaml': lines(
      'services:',
      '  vote:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '    networks:',
      '      front-tier:',
      '      back-tier:',
      '        aliases: [ballot]',
      '    volumes:',
      '      - ./app.conf:/etc/app.conf:ro',
      '      - ./run/app.sock:/run/app.sock',
      '      - ./data:/data',
      '  redis:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '    networks: [back-tier]',
      '  result:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '    networks: [front-tier]',
      'networks:',
      '  front-tier:',
      '  back-tier:',
    ),
    'app.conf': 'listen 8080\n',
  });
  let socket: Server;
  const cli = (...args: string[]) => runParity([...args, '--project-directory', dir, '-p', name]);

  beforeAll(async () => {
    execFileSync('mkdir', ['-p', join(dir, 'run')]);
    socket = createServer();
    await new Promise<void>((resolve) => socket.listen(join(dir, 'run', 'app.sock'), resolve));
  });
  afterAll(async () => {
    await cli('down', '-v', '-t', '0');
    socket.close();
  });

  const exec = (service: string, script: string) =>
    execFileSync('docker', ['exec', `${name}-${service}-1`, 'sh', '-c', script], {
      encoding: 'utf8',
    });

  it('starts every service, the one on two networks included', async () => {
    const run = await cli('up', '-d');
    expect(run.stderr).not.toMatch(/cannot be connected|EEXIST/);
    expect(run.code).toBe(0);
    const vote = await docker.getContainer(`${name}-vote-1`).inspect();
    expect(vote.State.Running).toBe(true);
    expect(Object.keys(vote.NetworkSettings.Networks).sort()).toEqual([
      `${name}_back-tier`,
      `${name}_front-tier`,
    ]);
    expect(vote.NetworkSettings.Networks[`${name}_back-tier`]?.Aliases).toEqual(
      expect.arrayContaining(['vote', 'ballot']),
    );
  });

  it('reaches the service by its alias only on the network that names it', () => {
    expect(exec('redis', 'ping -c 1 -W 2 ballot >/dev/null && echo reached')).toBe('reached\n');
    expect(exec('result', 'ping -c 1 -W 2 vote >/dev/null && echo reached')).toBe('reached\n');
    expect(exec('result', 'ping -c 1 -W 2 ballot >/dev/null 2>&1 && echo reached || echo no')).toBe(
      'no\n',
    );
  });

  it('mounts an existing file and socket as they are, and makes a missing source a folder', () => {
    expect(exec('vote', 'cat /etc/app.conf')).toBe('listen 8080\n');
    expect(exec('vote', 'test -S /run/app.sock && echo socket')).toBe('socket\n');
    expect(existsSync(join(dir, 'data')) && statSync(join(dir, 'data')).isDirectory()).toBe(true);
  });

  it('a second up leaves every container as it is', async () => {
    const before = await docker.getContainer(`${name}-vote-1`).inspect();
    const run = await cli('up', '-d');
    expect(run.code).toBe(0);
    const after = await docker.getContainer(`${name}-vote-1`).inspect();
    expect(after.Id).toBe(before.Id);
  });
});
