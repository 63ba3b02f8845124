import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/config/load-project';
import { imageStep } from '../../../src/main/engine/pull-policy';
import { formatDiagnostic } from '../../../src/shared/diagnostics';
import type { ServiceModel } from '../../../src/shared/model';
import { makeProject } from '../../support/project-dir';

function services(compose: string) {
  const dir = makeProject('pull', { 'compose.yaml': compose, Dockerfile: 'FROM scratch\n' });
  const { project, diagnostics } = loadProject({ dir, env: {}, projectName: 'pull' });
  return { services: project?.model.services ?? {}, messages: diagnostics.map(formatDiagnostic) };
}

function service(policy: string, build = false): ServiceModel {
  const lines = ['services:', '  app:', '    image: registry.example/app:1'];
  if (build) lines.push('    build: .');
  if (policy) lines.push(`    pull_policy: ${policy}`);
  const { services: all } = services([...lines, ''].join('\n'));
  if (!all.app) throw new Error('no app');
  return all.app;
}

describe('pull_policy', () => {
  it('missing (the default, also if_not_present) pulls or builds only an image not there', () => {
    for (const policy of ['', 'missing', 'if_not_present', 'daily', 'every_12h']) {
      expect(imageStep(service(policy), true), policy).toEqual({ kind: 'use' });
      expect(imageStep(service(policy), false), policy).toEqual({ kind: 'pull' });
      expect(imageStep(service(policy, true), false), policy).toEqual({ kind: 'build' });
    }
  });

  it('never uses the image there is and refuses, with the reason, when there is none', () => {
    expect(imageStep(service('never'), true)).toEqual({ kind: 'use' });
    expect(imageStep(service('never'), false)).toEqual({
      kind: 'refuse',
      reason:
        'service "app": image registry.example/app:1 is not on the engine and its pull_policy is never',
    });
  });

  it('always pulls even an image that is there; build always builds', () => {
    expect(imageStep(service('always'), true)).toEqual({ kind: 'pull' });
    expect(imageStep(service('build', true), true)).toEqual({ kind: 'build' });
    expect(imageStep(service('build'), true)).toMatchObject({ kind: 'refuse' });
  });

  it('refuses an unknown policy at its line', () => {
    const { messages } = services(
      'services:\n  app:\n    image: app\n    pull_policy: sometimes\n',
    );
    expect(messages).toContain(
      'compose.yaml:4:18: error: found "sometimes" for pull_policy, expected always, never, missing, build, daily, weekly or every_<duration> (like every_12h)',
    );
  });
});
