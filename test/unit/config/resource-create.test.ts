import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/config/load-project';
import { lines, makeProject } from '../../support/project-dir';

function load(compose: string) {
  const dir = makeProject('demo', { 'compose.yaml': compose });
  return loadProject({ dir, projectName: 'demo', env: {} });
}

describe('network and volume create settings', () => {
  it('reads what is written, and nothing for a definition that writes none', () => {
    const { project, diagnostics } = load(
      lines(
        'services:',
        '  app: {image: busybox:1.37, networks: [front, plain], volumes: [data:/data]}',
        'networks:',
        '  front:',
        '    driver: bridge',
        '    driver_opts: {com.docker.network.bridge.name: br-front}',
        '    attachable: true',
        '    labels: [tier=front]',
        '    ipam:',
        '      driver: default',
        '      config:',
        '        - {subnet: 10.9.0.0/16, ip_range: 10.9.5.0/24, gateway: 10.9.5.254}',
        '  plain:',
        'volumes:',
        '  data: {driver: local, labels: {keep: "yes"}}',
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(project!.model.networks.front!.value).toEqual({
      name: 'demo_front',
      external: false,
      create: {
        driver: 'bridge',
        driverOpts: { 'com.docker.network.bridge.name': 'br-front' },
        labels: { tier: 'front' },
        attachable: true,
        ipam: {
          driver: 'default',
          config: [{ subnet: '10.9.0.0/16', ipRange: '10.9.5.0/24', gateway: '10.9.5.254' }],
        },
      },
    });
    expect(project!.model.networks.plain!.value).toEqual({ name: 'demo_plain', external: false });
    expect(project!.model.volumes.data!.value.create).toEqual({
      driver: 'local',
      labels: { keep: 'yes' },
    });
  });

  it('reports a wrong value at its line and an unknown key as a warning', () => {
    const { diagnostics } = load(
      lines(
        'services:',
        '  app: {image: busybox:1.37, networks: [front]}',
        'networks:',
        '  front:',
        '    internal: maybe',
        '    ipam: {config: {subnet: 10.9.0.0/16}}',
        '    subnet: 10.9.0.0/16',
      ),
    );
    expect(diagnostics.map((d) => [d.severity, d.position?.line, d.message])).toEqual([
      ['warning', 7, 'unknown key "subnet" in networks.front'],
      ['error', 5, 'found "maybe" for networks.front.internal, expected true or false'],
      ['error', 6, 'found a mapping for networks.front.ipam.config, expected a list'],
    ]);
  });
});
