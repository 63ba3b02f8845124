import type { ContainerInfo } from 'dockerode';
import { describe, expect, it } from 'vitest';
import { loadProject, type LoadedProject } from '../../../src/main/config/load-project';
import { configHash } from '../../../src/main/engine/container-spec';
import type { DockerEngine } from '../../../src/main/engine/docker-engine';
import {
  canonicalIp,
  hostIpsOverlap,
  parseProcNetTable,
} from '../../../src/main/engine/host-ports';
import {
  expandPublished,
  findPortConflicts,
  formatHostPort,
  formatPortConflicts,
  PortConflictError,
  servicesToChange,
} from '../../../src/main/engine/port-conflicts';
import { makeProject } from '../../support/project-dir';

// Captured on Linux x86_64 while node listened on 127.0.0.1:28441, [::1]:28442 and
// [::]:28443 (tcp) and bound 127.0.0.1:28444 (udp).
const PROC_TCP = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 0100007F:6F19 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 208294 1 000000001f5565e3 100 0 0 10 0',
  '',
].join('\n');
const PROC_TCP6 = [
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 00000000000000000000000001000000:6F1A 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 208295 1 00000000a9d30bef 100 0 0 10 0',
  '   1: 00000000000000000000000000000000:6F1B 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 208296 1 000000000c53516e 100 0 0 10 0',
].join('\n');
const PROC_UDP = [
  '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
  ' 5303: 0100007F:6F1C 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 208297 2 000000006e48f5e3 0',
].join('\n');

describe('expandPublished', () => {
  it('gives the fixed host ports of a published port or range', () => {
    expect(expandPublished('8080')).toEqual([8080]);
    expect(expandPublished('8000-8002')).toEqual([8000, 8001, 8002]);
  });

  it('gives none when the engine picks the port', () => {
    expect(expandPublished(null)).toEqual([]);
    expect(expandPublished('0')).toEqual([]);
    expect(expandPublished('')).toEqual([]);
    expect(expandPublished('9-3')).toEqual([]);
  });
});

describe('host IP overlap', () => {
  it('writes every IPv6 address one way, IPv4-mapped ones as IPv4', () => {
    expect(canonicalIp('::1')).toBe('0000:0000:0000:0000:0000:0000:0000:0001');
    expect(canonicalIp('0:0:0:0:0:0:0:1')).toBe(canonicalIp('::1'));
    expect(canonicalIp('FE80::A:1')).toBe('fe80:0000:0000:0000:0000:0000:000a:0001');
    expect(canonicalIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(canonicalIp('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(canonicalIp('10.0.0.1')).toBe('10.0.0.1');
  });

  it('a wildcard meets every address; specific addresses meet only themselves', () => {
    for (const any of [null, '', '0.0.0.0', '::']) {
      expect(hostIpsOverlap(any, '127.0.0.1')).toBe(true);
      expect(hostIpsOverlap('::1', any)).toBe(true);
    }
    expect(hostIpsOverlap('127.0.0.1', '127.0.0.1')).toBe(true);
    expect(hostIpsOverlap('::1', '0:0::1')).toBe(true);
    expect(hostIpsOverlap('127.0.0.1', '127.0.0.2')).toBe(false);
    expect(hostIpsOverlap('127.0.0.1', '::1')).toBe(false);
  });
});

describe('parseProcNetTable', () => {
  it('reads the listening sockets of tcp, tcp6 and udp tables', () => {
    expect(parseProcNetTable(PROC_TCP, true)).toEqual([
      { ip: '127.0.0.1', port: 28441, state: 0x0a, inode: 208294 },
    ]);
    expect(parseProcNetTable(PROC_TCP6, true)).toEqual([
      { ip: canonicalIp('::1'), port: 28442, state: 0x0a, inode: 208295 },
      { ip: canonicalIp('::'), port: 28443, state: 0x0a, inode: 208296 },
    ]);
    expect(parseProcNetTable(PROC_UDP, true)).toEqual([
      { ip: '127.0.0.1', port: 28444, state: 7, inode: 208297 },
    ]);
  });

  it('reads addresses in the byte order of a big-endian machine', () => {
    const line =
      '   0: 7F000001:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 42 1';
    expect(parseProcNetTable(line, false)).toEqual([
      { ip: '127.0.0.1', port: 8080, state: 0x0a, inode: 42 },
    ]);
  });

  it('skips what is not a socket line', () => {
    expect(parseProcNetTable('garbage\n\n  0: zz:1 0 0A')).toEqual([]);
  });
});

describe('messages', () => {
  const source = { file: 'compose.yaml', line: 14, column: 9 };

  it('formats host ports as messages show them', () => {
    expect(formatHostPort('127.0.0.1', '18080', 'tcp')).toBe('127.0.0.1:18080/tcp');
    expect(formatHostPort('::1', '53', 'udp')).toBe('[::1]:53/udp');
    expect(formatHostPort(null, '8000-8002', 'tcp')).toBe('8000-8002/tcp');
  });

  it('puts one conflict per line, file:line:col first', () => {
    const conflicts = [
      {
        service: 'web',
        port: '127.0.0.1:18080/tcp',
        source,
        holder: 'container shop-web-1 of project shop',
      },
      { service: 'api', port: '9090/tcp', source: { ...source, line: 20 }, holder: 'x' },
    ];
    expect(formatPortConflicts(conflicts)).toBe(
      [
        'compose.yaml:14:9: error: port 127.0.0.1:18080/tcp of service web is held by container shop-web-1 of project shop',
        'compose.yaml:20:9: error: port 9090/tcp of service api is held by x',
      ].join('\n'),
    );
    const error = new PortConflictError(conflicts);
    expect(error.name).toBe('PortConflictError');
    expect(error.message).toBe(formatPortConflicts(conflicts));
    expect(error.conflicts).toBe(conflicts);
  });
});

function load(compose: string, name = 'demo'): LoadedProject {
  const dir = makeProject(name, { 'compose.yaml': compose });
  const { project, diagnostics } = loadProject({ dir, projectName: name, env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return project;
}

// An engine on another machine: the host is never probed, so only the container list counts.
function remoteEngine(containers: Partial<ContainerInfo>[]): DockerEngine {
  return {
    endpoint: 'ssh://build-box',
    listRunningContainers: () => Promise.resolve(containers as ContainerInfo[]),
  } as unknown as DockerEngine;
}

function container(
  name: string,
  labels: Record<string, string>,
  ports: { ip: string; port: number; type?: string }[],
): Partial<ContainerInfo> {
  return {
    Id: `${name}-id`,
    Names: [`/${name}`],
    Labels: labels,
    State: 'running',
    Ports: ports.map((p) => ({
      IP: p.ip,
      PrivatePort: 80,
      PublicPort: p.port,
      Type: p.type ?? 'tcp',
    })),
  };
}

const labelsOf = (project: string, service: string, oneoff = 'False'): Record<string, string> => ({
  'com.docker.compose.project': project,
  'com.docker.compose.service': service,
  'com.docker.compose.oneoff': oneoff,
});

describe('findPortConflicts (engine list only)', () => {
  const project = load(
    [
      'services:',
      '  web:',
      '    image: busybox:1.37',
      '    ports: ["127.0.0.1:18080:80", "18081:81/udp", "9000-9001:90", "19000-19002:91", "127.0.0.1::92"]',
      '  api:',
      '    image: busybox:1.37',
      '    ports: ["18080:80"]',
      '  db:',
      '    image: busybox:1.37',
      '    ports: ["127.0.0.1:15432:5432"]',
      '  scaled:',
      '    image: busybox:1.37',
      '    deploy: { replicas: 2 }',
      '    ports: ["17000:80", "17100-17101:81"]',
      '  hostnet:',
      '    image: busybox:1.37',
      '    network_mode: host',
      '    ports: ["18080:80"]',
      '',
    ].join('\n'),
  );

  it('reports two services of the project publishing the same port, naming both', async () => {
    const conflicts = await findPortConflicts(remoteEngine([]), project, ['web', 'api']);
    expect(formatPortConflicts(conflicts)).toBe(
      'compose.yaml:7:13: error: port 18080/tcp of service api is held by service web of this project (compose.yaml:4:13)',
    );
  });

  it('names a container of another project, or of none', async () => {
    const engine = remoteEngine([
      container('shop-web-1', labelsOf('shop', 'web'), [{ ip: '0.0.0.0', port: 18080 }]),
      container('loose', {}, [{ ip: '::', port: 18081, type: 'udp' }]),
      container('other-db-1', labelsOf('other', 'db'), [{ ip: '127.0.0.2', port: 15432 }]),
    ]);
    const conflicts = await findPortConflicts(engine, project, ['web', 'db']);
    expect(conflicts.map((c) => [c.service, c.port, c.holder])).toEqual([
      ['web', '127.0.0.1:18080/tcp', 'container shop-web-1 of project shop'],
      ['web', '18081/udp', 'container loose'],
    ]);
  });

  it('the same port for another protocol is no conflict', async () => {
    const engine = remoteEngine([
      container('shop-web-1', labelsOf('shop', 'web'), [
        { ip: '0.0.0.0', port: 18080, type: 'udp' },
      ]),
    ]);
    expect(await findPortConflicts(engine, project, ['web'])).toEqual([]);
  });

  it("a service's own container, or that of another service being recreated, is no conflict", async () => {
    const engine = remoteEngine([
      container('demo-web-1', labelsOf('demo', 'web'), [{ ip: '127.0.0.1', port: 18080 }]),
      container('demo-api-1', labelsOf('demo', 'api'), [{ ip: '127.0.0.1', port: 15432 }]),
    ]);
    const conflicts = await findPortConflicts(engine, project, ['web', 'db', 'api']);
    // Only the two services' own overlap is left; the containers are replaced.
    expect(conflicts.map((c) => [c.service, c.holder.split(' (')[0]])).toEqual([
      ['api', 'service web of this project'],
    ]);
  });

  it('a container of this project that up leaves alone is a conflict', async () => {
    const engine = remoteEngine([
      container('demo-api-1', labelsOf('demo', 'api'), [{ ip: '0.0.0.0', port: 18080 }]),
      container('demo-old-1', labelsOf('demo', 'old'), [{ ip: '0.0.0.0', port: 15432 }]),
      container('demo-web-run-1', labelsOf('demo', 'web', 'True'), [
        { ip: '0.0.0.0', port: 18081, type: 'udp' },
      ]),
    ]);
    const conflicts = await findPortConflicts(engine, project, ['web', 'db']);
    expect(conflicts.map((c) => c.holder)).toEqual([
      'container demo-api-1 of service api of this project',
      'container demo-web-run-1 of this project (a one-off run)',
      'container demo-old-1 of this project, not in its files (--remove-orphans removes it)',
    ]);
  });

  it('a published range is held only when every port in it is', async () => {
    const engine = remoteEngine([
      container('a', {}, [{ ip: '0.0.0.0', port: 9000 }]),
      container('b', {}, [
        { ip: '0.0.0.0', port: 19000 },
        { ip: '0.0.0.0', port: 19001 },
      ]),
      container('c', {}, [{ ip: '127.0.0.1', port: 19002 }]),
    ]);
    const conflicts = await findPortConflicts(engine, project, ['web']);
    expect(conflicts.map((c) => [c.port, c.holder])).toEqual([
      ['19000-19002/tcp', 'container b; container c'],
    ]);
  });

  it('replicas cannot share a fixed host port; network_mode: host publishes nothing', async () => {
    const conflicts = await findPortConflicts(remoteEngine([]), project, ['scaled', 'hostnet']);
    expect(conflicts.map((c) => [c.service, c.port, c.holder])).toEqual([
      ['scaled', '17000/tcp', 'another replica of service scaled (replicas: 2)'],
    ]);
  });
});

describe('servicesToChange', () => {
  const project = load(
    'services:\n  a: { image: busybox:1.37 }\n  b: { image: busybox:1.37 }\n  c: { image: busybox:1.37 }\n',
  );
  const hashOf = (name: string): string => {
    const service = project.model.services[name];
    if (!service) throw new Error(name);
    return configHash(project, service);
  };
  const existing = (service: string, hash: string, state: string): ContainerInfo =>
    ({
      Labels: { 'com.docker.compose.service': service, 'com.docker.compose.config-hash': hash },
      State: state,
    }) as unknown as ContainerInfo;

  it('leaves out services whose containers run with the current config', () => {
    expect(
      servicesToChange(
        project,
        ['a', 'b', 'c'],
        [existing('a', hashOf('a'), 'running'), existing('b', 'stale', 'running')],
      ),
    ).toEqual(['b', 'c']);
    expect(servicesToChange(project, ['a'], [existing('a', hashOf('a'), 'exited')])).toEqual(['a']);
  });
});
