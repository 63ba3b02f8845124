import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/config/load-project';
import { diffRuntime } from '../../../src/main/drift/runtime';
import type { RuntimeContainer } from '../../../src/main/drift/runtime-observe';
import { containerSpec } from '../../../src/main/engine/container-spec';
import { makeProject } from '../../support/project-dir';

const IMAGE_ID = `sha256:${'a'.repeat(64)}`;

const dir = makeProject('unset', {
  'compose.yaml': [
    'services:',
    '  api:',
    '    image: busybox:1.37',
    '    command: [sleep, "600"]',
    '    environment: [GONE, KEPT=1]',
    '',
  ].join('\n'),
});
const { project } = loadProject({ dir, env: {} });

// The container as the engine runs it: `GONE` alone in the create request is no variable.
function running(env: string[]): RuntimeContainer {
  const api = project?.model.services.api;
  if (!project || !api) throw new Error('no api service');
  const spec = containerSpec(project, api, 1);
  expect(spec.Env).toEqual(['KEPT=1', 'GONE']);
  return {
    id: 'api-1',
    name: String(spec.name),
    labels: { ...spec.Labels },
    image: String(spec.Image),
    imageId: IMAGE_ID,
    env,
    cmd: spec.Cmd ?? [],
    entrypoint: null,
    user: '',
    status: 'running',
    exitCode: 0,
    oomKilled: false,
    health: null,
    restartCount: 0,
    startedAt: '2026-01-01T00:00:00Z',
    restartPolicy: 'no',
    memory: 0,
    nanoCpus: 0,
  };
}

function envFindings(env: string[]): string[] {
  if (!project) throw new Error('no project');
  const images = { [IMAGE_ID]: { id: IMAGE_ID, repoDigests: [], env: ['PATH=/bin'] } };
  return diffRuntime(project, { containers: [running(env)], images }, { from: [] })
    .findings.filter((f) => f.path.startsWith('env.'))
    .map((f) => `${f.path}: ${String(f.dev?.value)} -> ${String(f.prod?.value)}`);
}

describe('runtime drift of a variable the files unset', () => {
  it('finds nothing when the container goes without it', () => {
    expect(envFindings(['KEPT=1', 'PATH=/bin'])).toEqual([]);
  });

  it('finds it when the container has it after all', () => {
    expect(envFindings(['KEPT=1', 'GONE=by-hand', 'PATH=/bin'])).toEqual([
      'env.GONE: null -> by-hand',
    ]);
  });
});
