import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DriftReportSchema, type DriftReport } from '../../../src/shared/drift';
import { makeProject } from '../../support/project-dir';
import { runCliCaptured } from '../../support/cli';

const SHOP = fileURLToPath(new URL('../../../examples/shop', import.meta.url));

async function drift(dir: string, ...args: string[]) {
  return runCliCaptured(['drift', '--project-directory', dir, ...args], {});
}

const dir = makeProject('formats', {
  'compose.yaml': [
    'services:',
    '  db:',
    '    image: postgres:15',
    '    environment: { LOG: "debug|trace", MODE: "a|b" }',
    '  tool:',
    '    image: busybox:1.37',
    '',
  ].join('\n'),
  'compose.prod.yaml': [
    'services:',
    '  db:',
    '    image: postgres:16',
    '    environment: { LOG: info, MODE: "a|b" }',
    '  cache:',
    '    image: redis:7',
    '',
  ].join('\n'),
  'parity.yaml': 'production:\n  - compose: compose.prod.yaml\n',
  'k8s/app.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: db }',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: db',
    '          image: postgres:16',
    '',
  ].join('\n'),
  'prod.snapshot.json': '{ "services": {} }\n',
  'notes.yaml': 'title: not a stack\n',
});

describe('parity drift --format', () => {
  it('json: the report, its comparison and summary, exactly as DriftReportSchema documents it', async () => {
    const { code, out } = await drift(dir, '--format', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as unknown;
    const parsed = DriftReportSchema.parse(json);
    // Nothing undocumented: the schema keeps every key the CLI printed.
    expect(parsed).toEqual(json);
    expect(parsed.comparison).toEqual({
      against: 'production',
      sides: { dev: 'dev', prod: 'prod' },
      from: ['compose.prod.yaml'],
    });
    expect(parsed.summary).toEqual({
      toFix: 4,
      toFixErrors: 1,
      following: 0,
      errors: 1,
      warnings: 3,
      info: 0,
      covered: 0,
      devOnly: 1,
      prodOnly: 1,
      equivalent: 2,
    });
    expect(parsed.findings.map((f) => `${f.service}.${f.path}`)).toEqual([
      'db.image.tag',
      'db.env.LOG',
      'tool.service',
      'cache.service',
    ]);
  });

  it('--json is --format json', async () => {
    expect((await drift(dir, '--json')).out).toBe((await drift(dir, '--format', 'json')).out);
  });

  it('table: every finding with both sides, then the one-line summary', async () => {
    const { out } = await drift(dir);
    expect(out).toMatch(/^ {2}✘ error {3}db image\.tag {4,}a different major version$/m);
    expect(out.split('\n').at(-2)).toBe(
      '1 service dev-only, 1 prod-only, 4 drifts to fix (1 error), 2 equivalent',
    );
  });

  it('markdown: a heading, the summary, one table, cells escaped', async () => {
    const { code, out } = await drift(dir, '--format', 'markdown');
    expect(code).toBe(0);
    expect(out).toContain(
      '### Parity drift: the dev stack against production (`compose.prod.yaml`)\n\n' +
        '**1 service dev-only, 1 prod-only, 4 drifts to fix (1 error), 2 equivalent**\n',
    );
    // No root cause here: one table of the differences, each row naming its service.
    expect(out).toContain(
      '#### Differences\n\n| Severity | Field | Kind | dev | prod | Rule |\n| --- | --- | --- | --- | --- | --- |\n' +
        '| ✘ error | db `image.tag` | changed | `15` <sub>compose.yaml:3</sub> | `16` <sub>compose.prod.yaml:3</sub> | a different major version |\n',
    );
    expect(out).toContain('| db `env.LOG` | changed | `debug\\|trace` <sub>compose.yaml:4</sub> |');
    expect(out).toContain('| cache `service` | only-prod |');
    expect(out).not.toContain('#### Root causes');
    // Every table row has the header's six columns, whatever the values hold.
    for (const line of out.split('\n').filter((l) => l.startsWith('| '))) {
      expect(line.replaceAll('\\|', '').split('|')).toHaveLength(8);
    }
  });

  it('markdown folds covered findings away, and says when there is no drift', async () => {
    const { out } = await drift(SHOP, '--format', 'markdown');
    expect(out).toContain(
      '**0 services dev-only, 1 prod-only, 16 drifts to fix (0 errors), 11 equivalent, 7 covered**',
    );
    // 21 open findings: five limits and requests set on both web and api are a row each.
    expect(out).toContain(
      '| ! warning | `resources.memory` ×2 (web, api) | only-prod | — | `64Mi on web; 128Mi on api` <sub>deploy/k8s/web.yaml:38</sub> |',
    );
    expect(out).toContain('<details><summary>7 covered (accepted, ignored or expected)</summary>');
    expect(out).toContain('| web | `image` | accepted |');
    const clean = makeProject('clean', {
      'compose.yaml': 'services:\n  a: { image: x:1 }\n',
      'compose.prod.yaml': 'services:\n  a: { image: x:1 }\n',
      'parity.yaml': 'production:\n  - compose: compose.prod.yaml\n',
    });
    const none = await drift(clean, '--format', 'markdown', '--fail-on', 'info');
    expect(none.code).toBe(0);
    expect(none.out).toContain(
      '**0 services dev-only, 0 prod-only, 0 drifts to fix (0 errors), 2 equivalent**\n\nNo drift.\n',
    );
  });

  it('refuses an unknown format, or --json with another one', async () => {
    const bad = await drift(dir, '--format', 'yaml');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--format expects table, json, markdown, got yaml');
    const both = await drift(dir, '--json', '--format', 'markdown');
    expect(both.code).toBe(2);
    expect(both.err).toContain('--json is --format json');
  });
});

describe('parity drift --against', () => {
  const json = async (...args: string[]): Promise<DriftReport> => {
    const run = await drift(dir, '--json', ...args);
    expect(run.err).toBe('');
    return DriftReportSchema.parse(JSON.parse(run.out));
  };

  it('production is the default', async () => {
    expect(await json('--against', 'production')).toEqual(await json());
  });

  it('a production compose file, named on the command line', async () => {
    const report = await json('--against', join(dir, 'compose.prod.yaml'));
    expect(report.comparison?.against).toBe('file');
    expect(report.findings).toEqual((await json()).findings);
  });

  it('a relative path: from the current folder, else from the project folder', async () => {
    const report = await json('--against', 'compose.prod.yaml');
    expect(report.comparison?.from).toEqual(['compose.prod.yaml']);
    expect(report.findings).toEqual((await json()).findings);
  });

  it('Kubernetes manifests: a file, or a folder', async () => {
    for (const path of [join(dir, 'k8s/app.yaml'), join(dir, 'k8s')]) {
      const report = await json('--against', path);
      expect(report.comparison?.from).toEqual([path]);
      expect(report.findings.map((f) => `${f.service}.${f.path}`)).toEqual([
        'db.image.tag',
        'db.env.LOG',
        'db.env.MODE',
        'tool.service',
      ]);
    }
  });

  it('the same report for examples/shop against its manifests as against parity.yaml', async () => {
    const viaFile = await drift(SHOP, '--json', '--against', join(SHOP, 'deploy/k8s'));
    const viaConfig = await drift(SHOP, '--json');
    const findings = (out: string): unknown => (JSON.parse(out) as DriftReport).findings;
    expect(findings(viaFile.out)).toEqual(findings(viaConfig.out));
  });

  it('bad input exits 2 and says what was expected', async () => {
    const cases: [string[], string][] = [
      [['--against', join(dir, 'missing.yaml')], 'found no file or folder'],
      [['--against', join(dir, 'notes.yaml')], 'neither Kubernetes objects'],
      [
        ['--against', join(dir, 'prod.snapshot.json')],
        'prod.snapshot.json:1:1: error: parity: expected "snapshot"',
      ],
      [['--against', 'lock'], 'found no parity.lock'],
      [['--against', 'runtime', '--baseline'], '--baseline accepts differences from production'],
    ];
    for (const [args, message] of cases) {
      const run = await drift(dir, ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err).toContain(message);
    }
  });
});
