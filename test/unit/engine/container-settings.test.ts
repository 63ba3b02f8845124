import { describe, expect, it } from 'vitest';
import { loadProject, type LoadedProject } from '../../../src/main/config/load-project';
import { configHash, containerSpec } from '../../../src/main/engine/container-spec';
import { makeProject } from '../../support/project-dir';

// The same project wherever the test runs: the folder and file names are in the spec's labels.
function load(compose: string, files: Record<string, string> = {}): LoadedProject {
  const dir = makeProject('demo', { 'compose.yaml': compose, ...files });
  const { project, diagnostics } = loadProject({ dir, projectName: 'demo', env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return { ...project, workingDir: '/srv/demo', composeFiles: ['/srv/demo/compose.yaml'] };
}

function spec(compose: string, name = 'app', files: Record<string, string> = {}) {
  const project = load(compose, files);
  const service = project.model.services[name];
  if (!service) throw new Error(`no service ${name}`);
  return { project, service, spec: containerSpec(project, service, 1) };
}

const NEW_HOST_KEYS = [
  'Tmpfs',
  'LogConfig',
  'Ulimits',
  'Dns',
  'DnsSearch',
  'DnsOptions',
  'SecurityOpt',
  'MaskedPaths',
  'ReadonlyPaths',
  'ShmSize',
  'Sysctls',
  'Runtime',
  'Devices',
];

describe('container spec: the container settings Compose passes', () => {
  it('passes each one written as docker compose v2 does', () => {
    const { spec: s } = spec(
      [
        'services:',
        '  app:',
        '    image: busybox:1.37',
        '    ports: ["127.0.0.1::8080"]',
        '    expose: [3000, 8080, "53/udp"]',
        '    logging: { driver: json-file, options: { max-size: 1m } }',
        '    ulimits: { nofile: { soft: 1024, hard: 2048 } }',
        '    dns: [10.0.0.2]',
        '    dns_search: corp.example',
        '    dns_opt: [ndots:2]',
        '    security_opt: [no-new-privileges, systempaths=unconfined]',
        '    shm_size: 64m',
        '    sysctls: [net.core.somaxconn=1024]',
        '    stdin_open: true',
        '    tty: true',
        '    platform: linux/amd64',
        '    runtime: runc',
        '    devices: ["/dev/fuse:/dev/fuse:rw"]',
        '    tmpfs: [/run, "/tmp:rw,noexec,nosuid,size=64m,mode=1777"]',
        '    volumes: [{ type: tmpfs, target: /cache, tmpfs: { size: 1m } }]',
        '',
      ].join('\n'),
    );
    expect(s).toMatchObject({
      platform: 'linux/amd64',
      Tty: true,
      OpenStdin: true,
      ExposedPorts: { '8080/tcp': {}, '3000/tcp': {}, '53/udp': {} },
      HostConfig: {
        Tmpfs: { '/run': '', '/tmp': 'rw,noexec,nosuid,size=64m,mode=1777' },
        Mounts: [
          {
            Type: 'tmpfs',
            Target: '/cache',
            Source: '',
            ReadOnly: false,
            TmpfsOptions: { SizeBytes: 1024 * 1024 },
          },
        ],
        LogConfig: { Type: 'json-file', Config: { 'max-size': '1m' } },
        Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }],
        Dns: ['10.0.0.2'],
        DnsSearch: ['corp.example'],
        DnsOptions: ['ndots:2'],
        SecurityOpt: ['no-new-privileges'],
        MaskedPaths: [],
        ReadonlyPaths: [],
        ShmSize: 64 * 1024 * 1024,
        Sysctls: { 'net.core.somaxconn': '1024' },
        Runtime: 'runc',
        Devices: [
          { PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rw' },
        ],
      },
    });
    expect(s.HostConfig?.Mounts).toHaveLength(1);
  });

  it('sends a seccomp profile as its JSON, as the engine takes it', () => {
    const { spec: s } = spec(
      'services:\n  app:\n    image: busybox:1.37\n    security_opt: [seccomp=seccomp.json]\n',
      'app',
      { 'seccomp.json': '{\n  "defaultAction": "SCMP_ACT_ALLOW",\n  "syscalls": []\n}\n' },
    );
    expect(s.HostConfig?.SecurityOpt).toEqual([
      'seccomp={"defaultAction":"SCMP_ACT_ALLOW","syscalls":[]}',
    ]);
  });

  it('unsets a variable declared without a value and set nowhere: NAME alone', () => {
    const { spec: s } = spec(
      'services:\n  app:\n    image: busybox:1.37\n    environment: [KEEP=1, GONE]\n',
    );
    expect(s.Env).toEqual(['KEEP=1', 'GONE']);
  });

  it('sets none of them for a service that does not write them (or writes tty and stdin_open false)', () => {
    const { spec: s } = spec(
      [
        'services:',
        '  app:',
        '    image: busybox:1.37',
        '    tty: false',
        '    stdin_open: false',
        '    volumes: [{ type: tmpfs, target: /cache }]',
        '',
      ].join('\n'),
    );
    for (const key of NEW_HOST_KEYS) expect(Object.keys(s.HostConfig ?? {})).not.toContain(key);
    for (const key of ['platform', 'Tty', 'OpenStdin']) expect(Object.keys(s)).not.toContain(key);
    expect(s.ExposedPorts).toEqual({});
  });

  it('keeps the config hash of a service without them as it was before they were passed', () => {
    // Pinned: the hash Parity gave this service before the spec held any of these settings
    // (computed with the code before them). A different value means an upgrade of Parity would
    // recreate every existing container.
    const { project, service } = spec(
      [
        'services:',
        '  app:',
        '    image: busybox:1.37',
        '    command: [sleep, "60"]',
        '    environment: [MODE=dev]',
        '    ports: ["127.0.0.1:8080:80"]',
        '    volumes: [data:/data, /etc/conf:/conf:ro, { type: tmpfs, target: /cache, tmpfs: { size: 1m } }]',
        'volumes:',
        '  data: {}',
        '',
      ].join('\n'),
    );
    expect(configHash(project, service)).toBe(
      'e747827529f1197b07e05b6090c6e44aec867fe4bd51e7f22383bce2963f20cc',
    );
  });

  it('changes the hash when a service gains one, so up recreates its container', () => {
    const base = ['services:', '  app:', '    image: busybox:1.37'];
    const hashOf = (...extra: string[]) => {
      const { project, service } = spec([...base, ...extra, ''].join('\n'));
      return configHash(project, service);
    };
    const hashes = [
      hashOf(),
      hashOf('    expose: [3000]'),
      hashOf('    tmpfs: [/tmp]'),
      hashOf('    tmpfs: ["/tmp:noexec"]'),
      hashOf('    logging: { driver: none }'),
      hashOf('    ulimits: { nofile: 1024 }'),
      hashOf('    dns: 10.0.0.2'),
      hashOf('    shm_size: 64m'),
      hashOf('    sysctls: [net.core.somaxconn=1024]'),
      hashOf('    tty: true'),
      hashOf('    platform: linux/amd64'),
      hashOf('    environment: [UNSET_HERE]'),
    ];
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(hashOf('    tty: false')).toBe(hashes[0]);
  });
});
