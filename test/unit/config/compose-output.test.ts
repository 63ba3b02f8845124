import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { toComposeConfig } from '../../../src/main/config/compose-output';
import { loadProject } from '../../../src/main/config/load-project';
import type { ServiceModel } from '../../../src/shared/model';
import { runCliCaptured } from '../../support/cli';
import { makeProject } from '../../support/project-dir';

function load(dir: string) {
  const { project, diagnostics } = loadProject({ dir, env: {} });
  expect(diagnostics).toEqual([]);
  if (!project) throw new Error(`no project in ${dir}`);
  return project;
}

const security = (s: ServiceModel | undefined) => ({
  capAdd: s?.capAdd?.value ?? null,
  capDrop: s?.capDrop?.value ?? null,
  readOnly: s?.readOnly?.value ?? null,
  privileged: s?.privileged?.value ?? null,
});

const HARDENED = [
  'services:',
  '  app:',
  '    image: busybox:1.37',
  '    read_only: true',
  '    privileged: true',
  '    cap_drop: [all]',
  '    cap_add: [CAP_NET_BIND_SERVICE, chown, CHOWN]',
  '    restart: always',
  '  plain:',
  '    image: busybox:1.37',
  '    read_only: false',
  '',
].join('\n');

describe('toComposeConfig: capabilities and read-only root filesystem', () => {
  const project = load(makeProject('hardened', { 'compose.yaml': HARDENED }));
  const config = toComposeConfig(project.model) as {
    services: Record<string, Record<string, unknown>>;
  };

  it('writes cap_add and cap_drop as lists of names and read_only: true', () => {
    expect(config.services.app).toMatchObject({
      cap_add: ['CHOWN', 'NET_BIND_SERVICE'],
      cap_drop: ['ALL'],
      privileged: true,
      read_only: true,
    });
  });

  it('puts the keys where docker compose config does (sorted)', () => {
    expect(Object.keys(config.services.app ?? {})).toEqual([
      'cap_add',
      'cap_drop',
      'image',
      'networks',
      'privileged',
      'read_only',
      'restart',
    ]);
  });

  it('leaves them out when not written, and read_only when false', () => {
    expect(config.services.plain).not.toHaveProperty('read_only');
    expect(config.services.plain).not.toHaveProperty('cap_add');
    expect(config.services.plain).not.toHaveProperty('cap_drop');
    expect(config.services.plain).not.toHaveProperty('privileged');
  });

  it('prints them in YAML as Compose does', () => {
    const text = stringify(config, { lineWidth: 0 });
    expect(text).toContain(
      [
        '    cap_add:',
        '      - CHOWN',
        '      - NET_BIND_SERVICE',
        '    cap_drop:',
        '      - ALL',
      ].join('\n'),
    );
    expect(text).toContain('    read_only: true\n');
  });
});

describe('parity config round trip of cap_add, cap_drop and read_only', () => {
  it('loads its output back as the same model values', async () => {
    const dir = makeProject('hardened', { 'compose.yaml': HARDENED });
    const first = await runCliCaptured(['config', '--project-directory', dir, '-p', 'roundtrip']);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const copy = makeProject('copy', { 'compose.yaml': first.out });

    const before = load(dir).model.services;
    const after = load(copy).model.services;
    expect(security(after.app)).toEqual(security(before.app));
    expect(security(after.app)).toEqual({
      capAdd: ['CHOWN', 'NET_BIND_SERVICE'],
      capDrop: ['ALL'],
      readOnly: true,
      privileged: true,
    });
    // read_only: false is the engine's default and is not printed; read back it is unset,
    // which drift and the engine treat the same as false.
    expect(before.plain?.readOnly?.value).toBe(false);
    expect(security(after.plain)).toEqual({
      capAdd: null,
      capDrop: null,
      readOnly: null,
      privileged: null,
    });

    const second = await runCliCaptured(['config', '--project-directory', copy, '-p', 'roundtrip']);
    expect(second.out).toBe(first.out);
  });
});

describe('parity config: hostname, working_dir, container_name, extra_hosts and the keys Parity does not apply', () => {
  it('writes hostname, working_dir, container_name and extra_hosts, and warns at the line of a key it leaves out', async () => {
    const dir = makeProject('keys', {
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: busybox:1.37',
        '    hostname: catalogue',
        '    working_dir: /srv/app',
        '    container_name: the-app',
        '    extra_hosts: ["db.local:10.0.0.5", "v6=::1", "host.docker.internal:host-gateway"]',
        '    cpu_count: 2',
        '  other:',
        '    image: busybox:1.37',
        '    cpu_count: 2',
        '',
      ].join('\n'),
    });
    const result = await runCliCaptured(['config', '--project-directory', dir, '-p', 'keys']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('    hostname: catalogue\n');
    expect(result.out).toContain('    working_dir: /srv/app\n');
    expect(result.out).toContain('    container_name: the-app\n');
    expect(result.out).toContain(
      '    extra_hosts:\n      - db.local:10.0.0.5\n      - v6:::1\n      - host.docker.internal:host-gateway\n',
    );
    // One line for the key, naming every service that writes it, at its first occurrence.
    expect(result.err).toBe(
      'compose.yaml:8:5: warning: cpu_count: not applied by Parity yet on 2 services: app, other (docker compose applies it; the containers Parity creates go without it)\n',
    );
  });
});
