import { execFileSync } from 'node:child_process';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceProgress } from '../../src/shared/progress';
import { loadProject, type LoadedProject } from '../../src/main/config/load-project';
import { containerSpec } from '../../src/main/engine/container-spec';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { down } from '../../src/main/engine/down';
import { up } from '../../src/main/engine/up';
import { connectTestEngine, uniqueProjectName } from '../support/engine';
import { makeProject } from '../support/project-dir';

const engine = DockerEngine.fromEnvironment();

function load(dir: string, projectName: string): LoadedProject {
  const { project, diagnostics } = loadProject({ dir, projectName, env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return project;
}

let docker: Docker;
beforeAll(async () => {
  docker = await connectTestEngine();
});

describe('cap_drop, read_only and privileged on the real engine', () => {
  const name = uniqueProjectName('parity-it-security');
  const dir = makeProject('security', {
    'compose.yaml': [
      'services:',
      '  hardened:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '    read_only: true',
      '    cap_drop: [ALL]',
      '  plain:',
      '    image: busybox:1.37',
      '    command: [sleep, "600"]',
      '',
    ].join('\n'),
  });
  afterAll(() => down(engine, name, { volumes: true, timeoutSeconds: 0 }));

  it('creates the container with ReadonlyRootfs and CapDrop, and the other without', async () => {
    const result = await up(engine, load(dir, name));
    expect(result.failed).toEqual([]);
    const hardened = await docker.getContainer(`${name}-hardened-1`).inspect();
    expect(hardened.State.Running).toBe(true);
    expect(hardened.HostConfig.ReadonlyRootfs).toBe(true);
    expect(hardened.HostConfig.CapDrop).toEqual(['ALL']);
    const plain = await docker.getContainer(`${name}-plain-1`).inspect();
    expect(plain.HostConfig.ReadonlyRootfs).toBe(false);
    expect(plain.HostConfig.CapDrop ?? []).toEqual([]);
  });

  it('really is read-only inside', () => {
    const write = (service: string) =>
      execFileSync(
        'docker',
        ['exec', `${name}-${service}-1`, 'sh', '-c', 'touch /probe 2>&1 && echo written || true'],
        { encoding: 'utf8' },
      );
    expect(write('hardened')).toMatch(/Read-only file system/);
    expect(write('plain')).toBe('written\n');
  });

  // Created only: this machine's sandbox refuses to start a privileged container (runc cannot
  // apply every capability), which says nothing about what Parity asked of the engine.
  it('asks the engine for a privileged container when the service says privileged', async () => {
    const project = load(
      makeProject('privileged', {
        'compose.yaml': 'services:\n  tool:\n    image: busybox:1.37\n    privileged: true\n',
      }),
      `${name}-p`,
    );
    const tool = project.model.services.tool;
    if (!tool) throw new Error('no tool service');
    const created = await docker.createContainer(containerSpec(project, tool, 1));
    try {
      expect((await created.inspect()).HostConfig.Privileged).toBe(true);
    } finally {
      await created.remove({ force: true });
    }
  });

  it('a second up leaves both containers as they are', async () => {
    const steps: ServiceProgress[] = [];
    await up(engine, load(dir, name), { onProgress: (step) => steps.push(step) });
    expect(steps.map((s) => s.phase)).toEqual(['unchanged', 'unchanged']);
  });
});
