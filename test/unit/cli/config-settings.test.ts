import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeProject } from '../../support/project-dir';
import { runCliCaptured } from '../../support/cli';

const COMPOSE = [
  'services:',
  '  app:',
  '    image: busybox:1.37',
  '    expose: [3000]',
  '    logging: { driver: json-file, options: { max-size: 1m } }',
  '    ulimits: { nofile: { soft: 1024, hard: 2048 }, nproc: 64 }',
  '    dns: 10.0.0.2',
  '    dns_search: [corp.example]',
  '    dns_opt: [ndots:2]',
  '    security_opt: [no-new-privileges]',
  '    shm_size: 64m',
  '    sysctls: [net.core.somaxconn=1024]',
  '    stdin_open: true',
  '    tty: true',
  '    platform: linux/amd64',
  '    runtime: runc',
  '    devices: [/dev/fuse]',
  '    environment: [GONE, KEPT=1]',
  '    tmpfs: [/run, "/tmp:rw,noexec,nosuid,size=64m,mode=1777"]',
  '    volumes: ["~/data:/data"]',
  '',
].join('\n');

describe('parity config: the container settings', () => {
  it('prints each as docker compose config does, ~ expanded, tmpfs options kept', async () => {
    const dir = makeProject('settings', { 'compose.yaml': COMPOSE });
    const env = { HOME: '/home/someone' };
    const result = await runCliCaptured(['config', '--project-directory', dir, '-p', 's'], env);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const app = (parse(result.out) as { services: Record<string, Record<string, unknown>> })
      .services.app;
    expect(app).toMatchObject({
      devices: [{ source: '/dev/fuse', target: '/dev/fuse', permissions: 'rwm' }],
      dns: ['10.0.0.2'],
      dns_opt: ['ndots:2'],
      dns_search: ['corp.example'],
      environment: { GONE: null, KEPT: '1' },
      expose: ['3000/tcp'],
      logging: { driver: 'json-file', options: { 'max-size': '1m' } },
      platform: 'linux/amd64',
      runtime: 'runc',
      security_opt: ['no-new-privileges'],
      shm_size: '67108864',
      stdin_open: true,
      sysctls: { 'net.core.somaxconn': '1024' },
      tmpfs: ['/run', '/tmp:rw,noexec,nosuid,size=64m,mode=1777'],
      tty: true,
      ulimits: { nofile: { soft: 1024, hard: 2048 }, nproc: 64 },
      volumes: [
        {
          type: 'bind',
          source: '/home/someone/data',
          target: '/data',
          bind: { create_host_path: true },
        },
      ],
    });
    // Keys in the order docker compose config prints them: sorted.
    const keys = Object.keys(app ?? {});
    expect(keys).toEqual([...keys].sort());
  });

  it('reads its own output back as the same project', async () => {
    const dir = makeProject('settings', { 'compose.yaml': COMPOSE });
    const env = { HOME: '/home/someone' };
    const first = await runCliCaptured(['config', '--project-directory', dir, '-p', 's'], env);
    const copy = makeProject('copy', { 'compose.yaml': first.out });
    const second = await runCliCaptured(['config', '--project-directory', copy, '-p', 's'], env);
    expect(second.err).toBe('');
    expect(second.out).toBe(first.out);
  });
});
