import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceProgress } from '../../src/shared/progress';
import { loadProject, type LoadedProject } from '../../src/main/config/load-project';
import { containerSpec } from '../../src/main/engine/container-spec';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { down } from '../../src/main/engine/down';
import { up } from '../../src/main/engine/up';
import { connectTestEngine, uniqueProjectName } from '../support/engine';
import { makeProject } from '../support/project-dir';

const engine = DockerEngine.fromEnvironment();

// A home folder of the test's own, so that `~/data` names a folder it made.
const home = mkdtempSync(join(tmpdir(), 'parity-home-'));
mkdirSync(join(home, 'data'));
writeFileSync(join(home, 'data', 'hello.txt'), 'from the home folder\n');

function load(dir: string, projectName: string): LoadedProject {
  const { project, diagnostics } = loadProject({ dir, projectName, env: { HOME: home } });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  expect(diagnostics).toEqual([]);
  return project;
}

let docker: Docker;
beforeAll(async () => {
  docker = await connectTestEngine();
});

describe('Compose container settings on the real engine', () => {
  const name = uniqueProjectName('parity-it-settings');
  const dir = makeProject('settings', {
    'compose.yaml': [
      'services:',
      '  app:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '    expose: [3000, "5353/udp"]',
      '    logging: { driver: json-file, options: { max-size: 1m, max-file: "2" } }',
      '    ulimits: { nofile: { soft: 1024, hard: 2048 } }',
      '    dns: [10.0.0.2]',
      '    dns_search: corp.example',
      '    dns_opt: [ndots:2]',
      '    shm_size: 32m',
      '    sysctls: { net.core.somaxconn: 1000 }',
      '    tty: true',
      '    stdin_open: true',
      '    security_opt: [no-new-privileges]',
      '    platform: linux/amd64',
      '    env_file: app.env',
      '    environment: [GONE, KEPT=written]',
      '    tmpfs: ["/scratch:rw,noexec,nosuid,size=8m,mode=0770"]',
      '    volumes: ["~/data:/data:ro"]',
      '  plain:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '',
    ].join('\n'),
    'app.env': 'GONE=from-env-file\nFROM_FILE=1\n',
  });
  afterAll(() => down(engine, name, { timeoutSeconds: 0 }));
  const exec = (command: string): string =>
    execFileSync('docker', ['exec', `${name}-app-1`, 'sh', '-c', command], { encoding: 'utf8' });

  it('creates the container with what the service writes, and the other without', async () => {
    expect((await up(engine, load(dir, name))).failed).toEqual([]);
    const app = await docker.getContainer(`${name}-app-1`).inspect();
    expect(app.State.Running).toBe(true);
    expect(Object.keys(app.Config.ExposedPorts ?? {}).sort()).toEqual(['3000/tcp', '5353/udp']);
    expect([app.Config.Tty, app.Config.OpenStdin]).toEqual([true, true]);
    expect(app.HostConfig).toMatchObject({
      LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '2' } },
      Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }],
      Dns: ['10.0.0.2'],
      DnsSearch: ['corp.example'],
      DnsOptions: ['ndots:2'],
      ShmSize: 32 * 1024 * 1024,
      Sysctls: { 'net.core.somaxconn': '1000' },
      SecurityOpt: ['no-new-privileges'],
      Tmpfs: { '/scratch': 'rw,noexec,nosuid,size=8m,mode=0770' },
    });
    const plain = await docker.getContainer(`${name}-plain-1`).inspect();
    expect(plain.HostConfig.ShmSize).toBe(64 * 1024 * 1024);
    expect(plain.HostConfig.Sysctls ?? {}).toEqual({});
    expect(plain.Config.Tty).toBe(false);
  });

  it('applies them inside the container', () => {
    // The service's own process (PID 1) has both limits; docker exec may raise the soft one.
    expect(exec('grep "Max open files" /proc/1/limits')).toMatch(
      /^Max open files\s+1024\s+2048\s+files/,
    );
    expect(exec('cat /proc/sys/net/core/somaxconn')).toBe('1000\n');
    const scratch = exec('mount | grep " /scratch "');
    expect(scratch).toMatch(/^tmpfs on \/scratch type tmpfs \(.*\bnoexec\b.*\)$/m);
    expect(scratch).toMatch(/\bnosuid\b/);
    expect(scratch).toMatch(/size=8192k/);
    expect(exec('stat -c %a /scratch')).toBe('770\n');
    // noexec holds: a script written there does not run.
    expect(
      exec(
        'printf "#!/bin/sh\\necho ran" > /scratch/x && chmod +x /scratch/x; /scratch/x 2>&1 || true',
      ),
    ).toMatch(/Permission denied/);
    expect(exec('df -k /dev/shm | tail -1')).toMatch(/^shm\s+32768\s/);
    expect(exec('cat /etc/resolv.conf')).toMatch(/^search corp\.example$/m);
    expect(exec('cat /etc/resolv.conf')).toMatch(/^options ndots:2$/m);
    expect(exec('cat /data/hello.txt')).toBe('from the home folder\n');
  });

  it('unsets a variable declared without a value, though its env_file sets it', () => {
    const env = exec('env').split('\n');
    expect(env).toContain('KEPT=written');
    expect(env).toContain('FROM_FILE=1');
    expect(env.filter((line) => line.startsWith('GONE'))).toEqual([]);
  });

  it('a second up leaves both containers as they are', async () => {
    const steps: ServiceProgress[] = [];
    await up(engine, load(dir, name), { onProgress: (step) => steps.push(step) });
    expect(steps.map((s) => `${s.service}:${s.phase}`).sort()).toEqual([
      'app:unchanged',
      'plain:unchanged',
    ]);
  });

  it('asks the engine for the platform written: another one than the image is refused', async () => {
    const project = load(
      makeProject('platform', {
        'compose.yaml': 'services:\n  tool:\n    image: busybox:1.37\n    platform: linux/s390x\n',
      }),
      `${name}-p`,
    );
    const tool = project.model.services.tool;
    if (!tool) throw new Error('no tool service');
    await expect(docker.createContainer(containerSpec(project, tool, 1))).rejects.toThrow(
      /does not match the specified platform: wanted linux\/s390x/,
    );
  });
});
