import type { ContainerInspectInfo } from 'dockerode';
import { describe, expect, it } from 'vitest';
import { SnapshotSchema } from '../../../src/shared/snapshot';
import { secretHash } from '../../../src/main/drift/snapshot';
import { snapshotOfContainers, type ImageDefaults } from '../../../src/main/drift/snapshot-runtime';

function container(service: string, number: number, extra: Record<string, unknown> = {}) {
  return {
    Id: `${service}-${number}`,
    Name: `/p-${service}-${number}`,
    Config: {
      Image: 'busybox:1.37',
      Env: ['PATH=/usr/bin', 'MODE=prod', 'DB_PASSWORD=pw-123'],
      Cmd: ['sh'],
      Entrypoint: null,
      User: '',
      Labels: {
        'com.docker.compose.project': 'p',
        'com.docker.compose.service': service,
        'com.docker.compose.container-number': String(number),
        'com.docker.compose.oneoff': 'False',
        'org.opencontainers.image.title': 'busybox',
        team: 'shop',
      },
      Healthcheck: { Test: ['CMD-SHELL', 'true'], Interval: 2_000_000_000, Retries: 5 },
    },
    HostConfig: {
      PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }], '53/udp': null },
      Mounts: [{ Type: 'volume', Source: '', Target: '/cache', ReadOnly: false }],
      Binds: ['/srv/conf:/etc/conf:ro'],
      Memory: 128 * 2 ** 20,
      NanoCpus: 250_000_000,
      RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
    },
    NetworkSettings: { Networks: { p_default: {}, shared: {} } },
    ...extra,
  } as unknown as ContainerInspectInfo;
}

const BUSYBOX: ImageDefaults = {
  env: ['PATH=/usr/bin'],
  cmd: ['sh'],
  entrypoint: null,
  labels: { 'org.opencontainers.image.title': 'busybox' },
};

describe('snapshotOfContainers', () => {
  it('keeps what the service sets, not what the image or Compose does, and hashes secrets', () => {
    const snapshot = snapshotOfContainers(
      [container('web', 2), container('web', 1), container('db', 1)],
      'p',
      () => BUSYBOX,
      new Date('2026-11-27T10:00:00Z'),
      { hashAll: false },
    );
    expect(SnapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(Object.keys(snapshot.services)).toEqual(['db', 'web']);
    const web = snapshot.services.web;
    expect(web?.replicas).toBe(2);
    expect(web?.environment).toEqual({
      MODE: 'prod',
      DB_PASSWORD: { sha256: secretHash('pw-123') },
    });
    expect(JSON.stringify(snapshot)).not.toContain('pw-123');
    expect(web?.command).toBeNull();
    expect(web?.labels).toEqual({ team: 'shop' });
    expect(web?.ports).toEqual([
      { target: 53, published: null, hostIp: null, protocol: 'udp', mode: 'ingress' },
      { target: 80, published: '8080', hostIp: '127.0.0.1', protocol: 'tcp', mode: 'ingress' },
    ]);
    expect(web?.volumes).toEqual([
      { type: 'volume', source: null, target: '/cache', readOnly: false },
      { type: 'bind', source: '/srv/conf', target: '/etc/conf', readOnly: true },
    ]);
    expect(web?.healthcheck).toMatchObject({
      test: ['CMD-SHELL', 'true'],
      intervalMs: 2000,
      retries: 5,
    });
    expect(web?.limits).toEqual({ cpus: 0.25, memoryBytes: 128 * 2 ** 20 });
    expect(web?.restart).toBe('on-failure:3');
    expect(web?.user).toBeNull();
    expect(web?.networks).toEqual(['default', 'shared']);
  });

  it('hashes every env value by default: a container holds what the shell gave it', () => {
    const snapshot = snapshotOfContainers([container('web', 1)], 'p', () => BUSYBOX);
    expect(snapshot.services.web?.environment).toEqual({
      MODE: { sha256: secretHash('prod') },
      DB_PASSWORD: { sha256: secretHash('pw-123') },
    });
    expect(JSON.stringify(snapshot)).not.toContain('"prod"');
  });

  it('without the image defaults, records the command as the container runs it', () => {
    const snapshot = snapshotOfContainers([container('web', 1)], 'p', () => null);
    expect(snapshot.services.web?.command).toEqual(['sh']);
    expect(Object.keys(snapshot.services.web?.environment ?? {})).toContain('PATH');
  });
});
