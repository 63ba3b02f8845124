import { execFileSync } from 'node:child_process';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParity } from '../support/cli';
import { connectTestEngine, uniqueProjectName } from '../support/engine';
import { lines, makeProject } from '../support/project-dir';

// A network with its own address pool and a fixed address for a service (pihole's layout), an
// internal network, and a volume with driver options, as Compose creates them.

let docker: Docker;
beforeAll(async () => {
  docker = await connectTestEngine();
});

describe('network and volume create settings on the real engine', () => {
  const name = uniqueProjectName('parity-it-netopts');
  // A pool no other test uses at the same time.
  const octet = 16 + Math.floor(Math.random() * 200);
  const dir = makeProject('netopts', {
    'compose.yaml': lines(
      'services:',
      '  dns:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '    volumes: [scratch:/scratch]',
      '    networks:',
      '      dns-net:',
      `        ipv4_address: 172.31.${octet}.2`,
      '      hidden:',
      'networks:',
      '  dns-net:',
      '    labels: {team: infra}',
      '    ipam:',
      '      config:',
      `        - subnet: 172.31.${octet}.0/24`,
      '  hidden:',
      '    internal: true',
      'volumes:',
      '  scratch:',
      '    driver_opts: {type: tmpfs, device: tmpfs, o: size=1m}',
    ),
  });
  const cli = (...args: string[]) => runParity([...args, '--project-directory', dir, '-p', name]);
  afterAll(() => cli('down', '-v', '-t', '0'));

  it('creates them as written and gives the service its fixed address', async () => {
    const run = await cli('up', '-d');
    expect(run.code).toBe(0);
    const net = await docker.getNetwork(`${name}_dns-net`).inspect();
    expect(net.IPAM?.Config).toEqual([{ Subnet: `172.31.${octet}.0/24` }]);
    expect(net.Labels).toMatchObject({ team: 'infra', 'com.docker.compose.project': name });
    expect((await docker.getNetwork(`${name}_hidden`).inspect()).Internal).toBe(true);
    const dns = await docker.getContainer(`${name}-dns-1`).inspect();
    expect(dns.NetworkSettings.Networks[`${name}_dns-net`]?.IPAddress).toBe(`172.31.${octet}.2`);
  });

  it('mounts the volume its driver options describe', async () => {
    const volume = await docker.getVolume(`${name}_scratch`).inspect();
    expect(volume.Options).toEqual({ type: 'tmpfs', device: 'tmpfs', o: 'size=1m' });
    const mount = execFileSync(
      'docker',
      ['exec', `${name}-dns-1`, 'sh', '-c', 'grep " /scratch " /proc/mounts'],
      {
        encoding: 'utf8',
      },
    );
    expect(mount).toMatch(/^tmpfs \/scratch tmpfs .*size=1024k/);
  });

  it('prints them in parity config', async () => {
    const run = await cli('config');
    expect(run.stdout).toContain(`subnet: 172.31.${octet}.0/24`);
    expect(run.stdout).toMatch(/hidden:\n\s+name: \S+_hidden\n\s+internal: true/);
  });
});
