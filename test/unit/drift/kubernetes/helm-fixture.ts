import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lines } from '../../../support/project-dir';

// helm is not installed on the machines these tests run on, and no chart repository is
// reachable: the rendering path is tested with a stand-in `helm` on PATH, a shell script that
// records its arguments and prints fixed manifests as `helm template` prints them (each
// document after a `# Source:` comment). The real parts are the chart files, the parsing and
// the positions; what the stand-in cannot show is Helm's own templating.

/** A project whose production is a local chart, rendered with a values file. */
export const HELM_PROJECT: Record<string, string> = {
  'compose.yaml': lines('services:', '  api:', '    image: shop/api:1.0'),
  'parity.yaml': lines(
    'production:',
    '  - helm:',
    '      chart: deploy/chart',
    '      values: [deploy/values.prod.yaml]',
    '      release: shop',
    '      namespace: prod',
  ),
  'deploy/chart/Chart.yaml': lines('apiVersion: v2', 'name: shop', 'version: 0.1.0'),
  'deploy/chart/templates/api.yaml': lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ .Release.Name }}-api',
    'spec:',
    '  replicas: {{ .Values.replicas }}',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          image: "shop/api:{{ .Values.tag }}"',
  ),
  'deploy/values.prod.yaml': lines('replicas: 4', 'tag: "2.1"'),
};

/** What the stand-in prints: the chart rendered with the values above, as Helm would. */
export const HELM_OUTPUT = lines(
  '---',
  '# Source: shop/templates/api.yaml',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: api',
  'spec:',
  '  replicas: 4',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: api',
  '          image: "shop/api:2.1"',
);

/** A folder holding the stand-in `helm`, and the file its arguments are appended to (one run a line). */
export function standInHelm(): { bin: string; log: string } {
  const bin = mkdtempSync(join(tmpdir(), 'parity-helm-'));
  const log = join(bin, 'args.log');
  writeFileSync(join(bin, 'output.yaml'), HELM_OUTPUT);
  writeFileSync(log, '');
  writeFileSync(
    join(bin, 'helm'),
    // Shell builtins only: the tests run it with nothing else on PATH.
    `#!/bin/sh\necho "$@" >> '${log}'\nwhile IFS= read -r line; do printf '%s\\n' "$line"; done < '${join(bin, 'output.yaml')}'\n`,
  );
  chmodSync(join(bin, 'helm'), 0o755);
  return { bin, log };
}
