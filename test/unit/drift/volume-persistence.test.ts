import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/config/load-project';
import { diffModels } from '../../../src/main/drift/diff';
import { makeProject } from '../../support/project-dir';

// A named volume outlives its container; an anonymous one (or a k8s emptyDir) does not.
const dir = makeProject('volumes', {
  'compose.yaml': [
    'services:',
    '  db:',
    '    image: postgres:15',
    '    volumes: ["db-data:/var/lib/postgresql/data", "/scratch"]',
    'volumes:',
    '  db-data:',
    '',
  ].join('\n'),
  'compose.prod.yaml': [
    'services:',
    '  db:',
    '    image: postgres:15',
    '    volumes: ["/var/lib/postgresql/data", "/scratch"]',
    '',
  ].join('\n'),
});

function model(file: string) {
  const { project, diagnostics } = loadProject({ dir, files: [file], env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return project.model;
}

describe('volume persistence', () => {
  const { findings } = diffModels(model('compose.yaml'), model('compose.prod.yaml'));

  it('reports a named volume that is anonymous on the other side as changed', () => {
    expect(findings.find((f) => f.path === 'volumes./var/lib/postgresql/data')).toMatchObject({
      service: 'db',
      kind: 'changed',
      category: 'volumes',
      dev: { value: 'volume' },
      prod: { value: 'anonymous volume' },
    });
  });

  it('reports nothing for anonymous volumes on both sides', () => {
    expect(findings.map((f) => f.path)).toEqual(['volumes./var/lib/postgresql/data']);
  });
});
