import { loadProject } from '../../../src/main/config/load-project';
import { diffModels } from '../../../src/main/drift/diff';
import { readKubernetes, workloadsOf } from '../../../src/main/drift/kubernetes';
import type { DriftReport } from '../../../src/shared/drift';
import { lines, makeProject } from '../../support/project-dir';

export { lines };

/** A project of the given files (compose.yaml, k8s/*.yaml) diffed against its k8s folder. */
export function driftOf(files: Record<string, string>): { dir: string; report: DriftReport } {
  const dir = makeProject('drift', files);
  const { project, diagnostics } = loadProject({ dir, env: {}, profiles: ['*'] });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const production = readKubernetes(['k8s'], dir);
  const errors = production.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  const report = diffModels(project.model, production.model, {
    secretKeys: production.secretKeys,
    workloads: workloadsOf(production),
  });
  return { dir, report };
}

/** A one-container Deployment named `name` whose container spec has the extra lines given. */
export function deployment(name: string, ...container: string[]): string {
  return lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: { name: ${name} }`,
    'spec:',
    '  template:',
    `    metadata: { labels: { app: ${name} } }`,
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    '          image: example/app:1',
    ...container.map((row) => `          ${row}`),
  );
}
