import { execFileSync } from 'node:child_process';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParity } from '../support/cli';
import { connectTestEngine, uniqueProjectName } from '../support/engine';
import { lines, makeProject } from '../support/project-dir';

// The Compose keys that are one field of the create request each, through the CLI as a user
// runs it: in the container the engine made, and in effect inside it where it can be seen.

let docker: Docker;
beforeAll(async () => {
  docker = await connectTestEngine();
});

describe('single-field engine settings on the real engine', () => {
  const name = uniqueProjectName('parity-it-fields');
  const dir = makeProject('fields', {
    'compose.yaml': lines(
      'services:',
      '  tuned:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '    hostname: box',
      '    domainname: example.test',
      '    cpu_shares: 512',
      '    pids_limit: 64',
      '    group_add: ["4242"]',
      '    oom_score_adj: 300',
      '    mem_swappiness: 10',
      '  plain:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
    ),
  });
  const cli = (...args: string[]) => runParity([...args, '--project-directory', dir, '-p', name]);
  const exec = (script: string) =>
    execFileSync('docker', ['exec', `${name}-tuned-1`, 'sh', '-c', script], { encoding: 'utf8' });
  afterAll(() => cli('down', '-t', '0'));

  it('starts without a warning and creates the container with each field', async () => {
    const run = await cli('up', '-d');
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/not applied/);
    const tuned = await docker.getContainer(`${name}-tuned-1`).inspect();
    expect(tuned.Config.Domainname).toBe('example.test');
    expect(tuned.HostConfig).toMatchObject({
      CpuShares: 512,
      PidsLimit: 64,
      GroupAdd: ['4242'],
      OomScoreAdj: 300,
      MemorySwappiness: 10,
    });
    const plain = await docker.getContainer(`${name}-plain-1`).inspect();
    expect(plain.HostConfig.CpuShares).toBe(0);
    expect(plain.HostConfig.GroupAdd ?? []).toEqual([]);
  });

  it('is in effect inside the container', () => {
    expect(exec('id -G').trim().split(' ')).toContain('4242');
    expect(exec('cat /proc/self/oom_score_adj').trim()).toBe('300');
    expect(exec('hostname -d 2>/dev/null || domainname').trim()).toBe('example.test');
  });

  it('prints them in parity config', async () => {
    const run = await cli('config');
    expect(run.stdout).toMatch(/cpu_shares: 512\n/);
    expect(run.stdout).toMatch(/group_add:\n\s+- "4242"\n/);
    expect(run.stdout).toMatch(/domainname: example.test\n/);
  });
});
