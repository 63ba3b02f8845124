import { describe, expect, it } from 'vitest';
import { loadProject, type LoadedProject } from '../../../src/main/config/load-project';
import { configHash, containerSpec } from '../../../src/main/engine/container-spec';
import { makeProject } from '../../support/project-dir';

// The same project wherever the test runs: the folder and file names are in the spec's labels.
function load(compose: string): LoadedProject {
  const dir = makeProject('demo', { 'compose.yaml': compose });
  const { project, diagnostics } = loadProject({ dir, projectName: 'demo', env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return { ...project, workingDir: '/srv/demo', composeFiles: ['/srv/demo/compose.yaml'] };
}

const service = (project: LoadedProject, name: string) => {
  const s = project.model.services[name];
  if (!s) throw new Error(`no service ${name}`);
  return s;
};

describe('container spec: capabilities and read-only root filesystem', () => {
  it('passes cap_add, cap_drop and read_only to the engine, capabilities normalized', () => {
    const project = load(
      [
        'services:',
        '  app:',
        '    image: busybox:1.37',
        '    read_only: true',
        '    privileged: true',
        '    cap_drop: [all]',
        '    cap_add: [CAP_NET_BIND_SERVICE, chown]',
        '',
      ].join('\n'),
    );
    const spec = containerSpec(project, service(project, 'app'), 1);
    expect(spec.HostConfig).toMatchObject({
      CapAdd: ['CHOWN', 'NET_BIND_SERVICE'],
      CapDrop: ['ALL'],
      ReadonlyRootfs: true,
      Privileged: true,
    });
  });

  it('sets none of them for a service that does not write them, or writes them false', () => {
    const project = load(
      [
        'services:',
        '  plain:',
        '    image: busybox:1.37',
        '  writable:',
        '    image: busybox:1.37',
        '    read_only: false',
        '    privileged: false',
        '',
      ].join('\n'),
    );
    for (const name of ['plain', 'writable']) {
      const hostConfig = containerSpec(project, service(project, name), 1).HostConfig ?? {};
      expect(Object.keys(hostConfig)).not.toContain('CapAdd');
      expect(Object.keys(hostConfig)).not.toContain('CapDrop');
      expect(Object.keys(hostConfig)).not.toContain('ReadonlyRootfs');
      expect(Object.keys(hostConfig)).not.toContain('Privileged');
    }
  });

  it('keeps the config hash of a service without them as it was before they were passed', () => {
    // Pinned: the hash Parity gave this service before the spec held CapAdd, CapDrop and
    // ReadonlyRootfs. A different value means every existing container would be recreated by
    // an upgrade of Parity.
    const project = load(
      [
        'services:',
        '  plain:',
        '    image: busybox:1.37',
        '    command: ["sleep", "60"]',
        '    environment: [MODE=dev]',
        '    read_only: false',
        '',
      ].join('\n'),
    );
    expect(configHash(project, service(project, 'plain'))).toBe(
      '978632b3cfc5e9ce2cc1656c61e79d6a7b4ec437165dc0372a33d61de5469088',
    );
  });

  it('changes the hash when a service gains them, so up recreates its container', () => {
    const base = ['services:', '  app:', '    image: busybox:1.37'];
    const hashOf = (...extra: string[]) => {
      const project = load([...base, ...extra, ''].join('\n'));
      return configHash(project, service(project, 'app'));
    };
    const plain = hashOf();
    const hashes = [
      hashOf('    read_only: true'),
      hashOf('    cap_drop: [ALL]'),
      hashOf('    cap_add: [NET_ADMIN]'),
    ];
    expect(new Set([plain, ...hashes]).size).toBe(4);
    // Spelling does not matter: the names are normalized before they are hashed.
    expect(hashOf('    cap_drop: [all]')).toBe(hashOf('    cap_drop: [CAP_ALL]'));
    expect(hashOf('    read_only: false')).toBe(plain);
  });
});

describe('container spec: hostname, working_dir, container_name and extra_hosts', () => {
  it('passes them to the engine when written, and leaves the engine its defaults when not', () => {
    const project = load(
      [
        'services:',
        '  app:',
        '    image: busybox:1.37',
        '    hostname: catalogue',
        '    working_dir: /srv/app',
        '    container_name: the-app',
        '    extra_hosts: { db.local: 10.0.0.5 }',
        '  plain:',
        '    image: busybox:1.37',
        '',
      ].join('\n'),
    );
    expect(containerSpec(project, service(project, 'app'), 1)).toMatchObject({
      name: 'the-app',
      HostConfig: { ExtraHosts: ['db.local:10.0.0.5'] },
      Hostname: 'catalogue',
      WorkingDir: '/srv/app',
      NetworkingConfig: { EndpointsConfig: { demo_default: { Aliases: ['app', 'the-app'] } } },
    });
    const plain = containerSpec(project, service(project, 'plain'), 1);
    expect(plain.name).toBe('demo-plain-1');
    expect(Object.keys(plain)).not.toContain('Hostname');
    expect(Object.keys(plain)).not.toContain('WorkingDir');
    expect(Object.keys(plain.HostConfig ?? {})).not.toContain('ExtraHosts');
  });
});
