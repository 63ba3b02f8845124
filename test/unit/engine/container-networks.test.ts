import { describe, expect, it } from 'vitest';
import { toComposeConfig } from '../../../src/main/config/compose-output';
import { loadProject, type LoadedProject } from '../../../src/main/config/load-project';
import { configHash, containerSpec } from '../../../src/main/engine/container-spec';
import { lines, makeProject } from '../../support/project-dir';

function load(compose: string): { project: LoadedProject } {
  const dir = makeProject('demo', { 'compose.yaml': compose });
  const { project, diagnostics } = loadProject({ dir, projectName: 'demo', env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return {
    project: { ...project, workingDir: '/srv/demo', composeFiles: ['/srv/demo/compose.yaml'] },
  };
}

describe('container spec: networks', () => {
  it('makes the highest-priority network primary, then the others by name, as Compose does', () => {
    const { project } = load(
      lines(
        'services:',
        '  web:',
        '    image: busybox:1.37',
        '    networks:',
        '      zeta:',
        '      back:',
        '        aliases: [api, api.internal]',
        '      front:',
        '        priority: 10',
        '        ipv4_address: 10.7.0.5',
        'networks:',
        '  zeta:',
        '  back:',
        '  front:',
      ),
    );
    const spec = containerSpec(project, project.model.services.web!, 1);
    expect(spec.HostConfig?.NetworkMode).toBe('demo_front');
    expect(Object.keys(spec.NetworkingConfig?.EndpointsConfig ?? {})).toEqual([
      'demo_front',
      'demo_back',
      'demo_zeta',
    ]);
    expect(spec.NetworkingConfig?.EndpointsConfig).toEqual({
      demo_front: { Aliases: ['web', 'demo-web-1'], IPAMConfig: { IPv4Address: '10.7.0.5' } },
      demo_back: { Aliases: ['web', 'demo-web-1', 'api', 'api.internal'] },
      demo_zeta: { Aliases: ['web', 'demo-web-1'] },
    });
  });

  it('keeps the config hash of a one-network service without settings as it was', () => {
    // Pinned before per-network settings existed: a different value would recreate every
    // existing container on an upgrade of Parity.
    const { project } = load(
      lines(
        'services:',
        '  plain:',
        '    image: busybox:1.37',
        '    command: ["sleep", "60"]',
        '    environment: [MODE=dev]',
      ),
    );
    expect(configHash(project, project.model.services.plain!)).toBe(
      '978632b3cfc5e9ce2cc1656c61e79d6a7b4ec437165dc0372a33d61de5469088',
    );
  });

  it('changes the hash when an alias or address is added, so up recreates the container', () => {
    const hashOf = (settings: string[]) => {
      const { project } = load(
        lines(
          'services:',
          '  web:',
          '    image: busybox:1.37',
          '    networks:',
          '      back:',
          ...settings,
          'networks:',
          '  back:',
        ),
      );
      return configHash(project, project.model.services.web!);
    };
    const plain = hashOf([]);
    expect(hashOf(['        aliases: [api]'])).not.toBe(plain);
    expect(hashOf(['        ipv4_address: 10.7.0.5'])).not.toBe(plain);
    // Priority alone only orders the networks: with one network nothing changes.
    expect(hashOf(['        priority: 5'])).toBe(plain);
  });

  it('merges an override file network by network and prints the settings in parity config', () => {
    const dir = makeProject('demo', {
      'compose.yaml': lines(
        'services:',
        '  web:',
        '    image: busybox:1.37',
        '    networks:',
        '      back:',
        '        aliases: [api]',
        '      front:',
        'networks: {back: {}, front: {}}',
      ),
      'compose.override.yaml': lines(
        'services:',
        '  web:',
        '    networks:',
        '      back:',
        '        ipv4_address: 10.7.0.9',
      ),
    });
    const { project } = loadProject({ dir, projectName: 'demo', env: {} });
    const web = project!.model.services.web!;
    expect(web.networkOptions).toEqual({ back: { aliases: ['api'], ipv4Address: '10.7.0.9' } });
    const config = toComposeConfig(project!.model) as {
      services: Record<string, { networks: Record<string, unknown> }>;
    };
    expect(config.services.web!.networks).toEqual({
      back: { aliases: ['api'], ipv4_address: '10.7.0.9' },
      front: null,
    });
  });

  it('reports a bad network setting at its line and an unknown one as a warning', () => {
    const dir = makeProject('demo', {
      'compose.yaml': lines(
        'services:',
        '  web:',
        '    image: busybox:1.37',
        '    networks:',
        '      back:',
        '        priority: high',
        '        alias: [api]',
        'networks: {back: {}}',
      ),
    });
    const { diagnostics } = loadProject({ dir, projectName: 'demo', env: {} });
    expect(diagnostics.map((d) => [d.severity, d.position?.line, d.message])).toEqual(
      expect.arrayContaining([
        ['error', 6, 'found "high" for networks.back.priority, expected a whole number'],
        ['warning', 7, 'unknown key "alias" in networks.back'],
      ]),
    );
  });
});
