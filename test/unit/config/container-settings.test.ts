import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/config/load-project';
import { formatDiagnostic } from '../../../src/shared/diagnostics';
import type { ServiceModel } from '../../../src/shared/model';
import { makeProject } from '../../support/project-dir';

function load(files: Record<string, string>, env: Record<string, string> = {}) {
  const dir = makeProject('settings', files);
  const { project, diagnostics } = loadProject({ dir, env, projectName: 'demo' });
  return { dir, project, messages: diagnostics.map(formatDiagnostic) };
}

function app(files: Record<string, string>, env: Record<string, string> = {}): ServiceModel {
  const { project, messages } = load(files, env);
  expect(messages).toEqual([]);
  const service = project?.model.services.app;
  if (!service) throw new Error('no app service');
  return service;
}

describe('container settings read from a compose file', () => {
  it('reads each key, in its short and long forms, at the line of its value', () => {
    const s = app({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: busybox:1.37',
        '    expose: [3000, "9000-9001/udp", 3000]',
        '    logging:',
        '      driver: json-file',
        '      options: { max-size: 10m, max-file: 3 }',
        '    ulimits:',
        '      nofile: { soft: 1024, hard: 4096 }',
        '      nproc: 512',
        '    dns: 10.0.0.2',
        '    dns_search: [corp.example]',
        '    dns_opt: [ndots:2]',
        '    security_opt: [no-new-privileges, "label:disable"]',
        '    shm_size: 64m',
        '    sysctls: { net.core.somaxconn: 1024 }',
        '    stdin_open: true',
        '    tty: true',
        '    platform: linux/amd64',
        '    runtime: runc',
        '    devices: [/dev/fuse]',
        '',
      ].join('\n'),
    });
    const c = s.container;
    expect(c?.expose).toEqual({
      value: ['3000/tcp', '9000/udp', '9001/udp'],
      source: { file: 'compose.yaml', line: 4, column: 13 },
    });
    expect(c?.logging?.value).toEqual({
      driver: 'json-file',
      options: { 'max-size': '10m', 'max-file': '3' },
    });
    expect(c?.ulimits?.value).toEqual({
      nofile: { soft: 1024, hard: 4096 },
      nproc: { soft: 512, hard: 512 },
    });
    expect(c?.dns?.value).toEqual(['10.0.0.2']);
    expect(c?.dnsSearch?.value).toEqual(['corp.example']);
    expect(c?.dnsOpt?.value).toEqual(['ndots:2']);
    expect(c?.securityOpt?.value).toEqual(['no-new-privileges', 'label:disable']);
    expect(c?.shmSizeBytes?.value).toBe(64 * 2 ** 20);
    expect(c?.sysctls?.value).toEqual({ 'net.core.somaxconn': '1024' });
    expect([c?.stdinOpen?.value, c?.tty?.value]).toEqual([true, true]);
    expect([c?.platform?.value, c?.runtime?.value]).toEqual(['linux/amd64', 'runc']);
    expect(c?.devices?.value).toEqual([
      { pathOnHost: '/dev/fuse', pathInContainer: '/dev/fuse', permissions: 'rwm' },
    ]);
  });

  it('reports a value that does not read at its line, and keeps going', () => {
    const { messages } = load({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: busybox:1.37',
        '    expose: [web]',
        '    ulimits: { nofile: { soft: 10, hard: 5 } }',
        '    shm_size: lots',
        '    logging: json-file',
        '    security_opt: [apparmor]',
        '    devices: /dev/fuse',
        '    tty: yes please',
        '',
      ].join('\n'),
    });
    expect(messages).toEqual([
      'compose.yaml:4:14: error: found "web", expected a container port, like 3000, "3000/udp" or "3000-3005"',
      'compose.yaml:7:14: error: found "json-file" for logging, expected a mapping',
      'compose.yaml:5:24: error: found "{"soft":10,"hard":5}", expected a soft limit no greater than the hard one (soft 10 > hard 5)',
      'compose.yaml:8:20: error: found "apparmor" for security_opt, expected KEY=VALUE or KEY:VALUE (like "seccomp=unconfined" or "label=disable")',
      expect.stringMatching(/^compose\.yaml:6:15: error: found "lots", expected a size in bytes/),
      'compose.yaml:10:10: error: found "yes please" for tty, expected true or false',
      'compose.yaml:9:14: error: found a string for devices, expected a list',
    ]);
  });

  it('names a seccomp profile by its absolute path, and refuses one that is not JSON', () => {
    const good = load({
      'compose.yaml':
        'services:\n  app:\n    image: busybox:1.37\n    security_opt: ["seccomp:profiles/s.json"]\n',
      'profiles/s.json': '{ "defaultAction": "SCMP_ACT_ALLOW" }\n',
    });
    expect(good.messages).toEqual([]);
    expect(good.project?.model.services.app?.container?.securityOpt?.value).toEqual([
      `seccomp=${good.dir}/profiles/s.json`,
    ]);
    const bad = load({
      'compose.yaml':
        'services:\n  app:\n    image: busybox:1.37\n    security_opt:\n      - seccomp=missing.json\n',
    });
    expect(bad.messages).toEqual([
      'compose.yaml:5:9: error: found seccomp profile "missing.json" for security_opt, but it cannot be read: expected a JSON seccomp profile (a path relative to the compose file), unconfined or builtin',
    ]);
  });

  it('leaves every setting null when not written', () => {
    const c = app({ 'compose.yaml': 'services:\n  app:\n    image: busybox:1.37\n' }).container;
    const { unsetEnvironment, notApplied, ...settings } = c ?? {};
    expect(Object.values(settings).every((value) => value === null)).toBe(true);
    expect(Object.keys(settings)).toHaveLength(15);
    expect([unsetEnvironment, notApplied]).toEqual([[], {}]);
  });
});

describe('a variable declared without a value and set nowhere', () => {
  const files = {
    'compose.yaml': [
      'services:',
      '  app:',
      '    image: busybox:1.37',
      '    env_file: app.env',
      '    environment:',
      '      - FROM_SHELL',
      '      - DROPPED',
      '      - KEPT=1',
      '',
    ].join('\n'),
    'app.env': 'DROPPED=from-env-file\nOTHER=2\n',
  };

  it('is unset in the container, even though an env_file sets it', () => {
    const s = app(files, { FROM_SHELL: 'yes' });
    expect(Object.fromEntries(Object.entries(s.environment).map(([k, f]) => [k, f.value]))).toEqual(
      { FROM_SHELL: 'yes', KEPT: '1', OTHER: '2' },
    );
    expect(s.container?.unsetEnvironment).toEqual([
      { value: 'DROPPED', source: { file: 'compose.yaml', line: 7, column: 9 } },
    ]);
  });

  it('is set again by an override file that gives it a value, and unset by one that does not', () => {
    const merged = app({
      ...files,
      'compose.override.yaml': [
        'services:',
        '  app:',
        '    environment: { DROPPED: back, KEPT: null }',
        '',
      ].join('\n'),
    });
    expect(merged.environment.DROPPED?.value).toBe('back');
    expect(merged.environment.KEPT).toBeUndefined();
    expect(merged.container?.unsetEnvironment.map((f) => f.value)).toEqual(['FROM_SHELL', 'KEPT']);
  });
});

describe('a bind source starting with ~', () => {
  it('is in the home folder, in the short and the long syntax', () => {
    const s = app(
      {
        'compose.yaml': [
          'services:',
          '  app:',
          '    image: busybox:1.37',
          '    volumes:',
          '      - ~/data:/data',
          '      - { type: bind, source: "~", target: /home }',
          '',
        ].join('\n'),
      },
      { HOME: '/home/someone' },
    );
    expect(s.volumes.map((v) => v.value.source)).toEqual(['/home/someone/data', '/home/someone']);
  });
});

describe('container settings across override files', () => {
  it('merge as compose-go merges them', () => {
    const s = app({
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: busybox:1.37',
        '    dns: [10.0.0.2]',
        '    expose: [3000]',
        '    sysctls: [net.core.somaxconn=1024, net.ipv4.tcp_syncookies=0]',
        '    ulimits: { nofile: 1024 }',
        '    logging: { driver: json-file, options: { max-size: 10m } }',
        '    devices: ["/dev/a:/dev/x"]',
        '    shm_size: 64m',
        '    tty: true',
        '',
      ].join('\n'),
      'compose.override.yaml': [
        'services:',
        '  app:',
        '    dns: [10.0.0.3, 10.0.0.2]',
        '    expose: [4000]',
        '    sysctls: { net.core.somaxconn: 2048 }',
        '    ulimits: { nproc: 64 }',
        '    logging: { options: { max-file: "2" } }',
        '    devices: ["/dev/b:/dev/x", /dev/c]',
        '    shm_size: 128m',
        '',
      ].join('\n'),
    });
    const c = s.container;
    expect(c?.dns?.value).toEqual(['10.0.0.2', '10.0.0.3']);
    expect(c?.expose?.value).toEqual(['3000/tcp', '4000/tcp']);
    expect(c?.sysctls?.value).toEqual({
      'net.core.somaxconn': '2048',
      'net.ipv4.tcp_syncookies': '0',
    });
    expect(Object.keys(c?.ulimits?.value ?? {})).toEqual(['nofile', 'nproc']);
    expect(c?.logging?.value).toEqual({
      driver: 'json-file',
      options: { 'max-size': '10m', 'max-file': '2' },
    });
    expect(c?.devices?.value.map((d) => d.pathOnHost)).toEqual(['/dev/b', '/dev/c']);
    expect(c?.shmSizeBytes?.value).toBe(128 * 2 ** 20);
    expect(c?.shmSizeBytes?.source.file).toBe('compose.override.yaml');
    expect(c?.tty?.value).toBe(true);
  });

  it('a new log driver replaces the options of the old one', () => {
    const s = app({
      'compose.yaml':
        'services:\n  app:\n    image: busybox:1.37\n    logging: { driver: json-file, options: { max-size: 10m } }\n',
      'compose.override.yaml': 'services:\n  app:\n    logging: { driver: none }\n',
    });
    expect(s.container?.logging?.value).toEqual({ driver: 'none', options: {} });
  });
});
