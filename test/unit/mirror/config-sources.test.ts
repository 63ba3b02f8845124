import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/config/load-project';
import { mirrorProject } from '../../../src/main/mirror/mirror-project';
import { lines, makeProject } from '../../support/project-dir';

// Kubernetes reads YAML 1.1: `0440` is octal there, 440 decimal in YAML 1.2. Modes are read as
// kubectl would apply them, from real manifests.
const deploy = lines(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: { name: api }',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: api',
  '          image: busybox:1.37',
  '          volumeMounts:',
  '            - { name: octal, mountPath: /etc/octal }',
  '            - { name: decimal, mountPath: /etc/decimal }',
  '      volumes:',
  '        - { name: octal, configMap: { name: cfg, defaultMode: 0440 } }',
  '        - { name: decimal, configMap: { name: cfg, defaultMode: 288 } }',
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: { name: cfg }',
  'data: { a.txt: "text" }',
  'binaryData: { b.bin: "/wA=" }',
);

describe('ConfigMap files of production', () => {
  it('reads defaultMode as Kubernetes does, and binaryData as bytes', () => {
    const dir = makeProject('config-sources', {
      'compose.yaml': lines('services:', '  api:', '    image: busybox:1.37'),
      'parity.yaml': lines('production:', '  - kubernetes: deploy.yaml'),
      'deploy.yaml': deploy,
    });
    const { project } = loadProject({ dir, env: {} });
    if (!project) throw new Error('the project did not load');
    const mirrored = mirrorProject(project);
    if (!mirrored.ok) throw new Error(mirrored.reason);
    const files = mirrored.plan.files.map((f) => [f.path, f.mode.toString(8), [...f.content]]);
    expect(files).toEqual([
      ['api/octal/a.txt', '440', [...Buffer.from('text')]],
      ['api/octal/b.bin', '440', [255, 0]],
      ['api/decimal/a.txt', '440', [...Buffer.from('text')]],
      ['api/decimal/b.bin', '440', [255, 0]],
    ]);
    expect(mirrored.text).toContain(
      'volumes: ["./.parity/mirror/api/octal:/etc/octal:ro", "./.parity/mirror/api/decimal:/etc/decimal:ro"]',
    );
  });
});
