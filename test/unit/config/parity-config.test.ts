import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ParityConfigSchema,
  parseProductionRef,
  unknownKeys,
  type ParityConfig,
} from '../../../src/shared/parity-config';

const SHOP_PARITY_YAML = fileURLToPath(
  new URL('../../../examples/shop/parity.yaml', import.meta.url),
);

/** The shop example's parity.yaml, parsed. */
function readShopParityYaml(): unknown {
  return parse(readFileSync(SHOP_PARITY_YAML, 'utf8'));
}

/** The issues of a value that does not parse, as `path: message` lines. */
function issues(value: unknown): string[] {
  const result = ParityConfigSchema.safeParse(value);
  if (result.success) throw new Error(`expected issues, but it parsed: ${JSON.stringify(value)}`);
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const RUN = { service: 'api', run: ['true'] };

describe('parity.yaml schema', () => {
  it('reads the shop example into the expected settings', () => {
    const raw = readShopParityYaml();
    const expected: ParityConfig = {
      name: 'shop',
      compose: ['compose.yaml'],
      production: [{ kubernetes: 'deploy/k8s' }],
      map: { worker: 'Deployment/order-worker' },
      drift: {
        ignore: ['*.env.LOG_LEVEL'],
        accept: [{ path: 'web.image', reason: 'built from source locally' }],
      },
      actions: [
        {
          name: 'Show orders',
          service: 'api',
          run: ['wget', '-q', '-O', '-', 'http://127.0.0.1:8081/cgi-bin/orders'],
        },
        {
          name: 'API health',
          service: 'api',
          run: ['wget', '-q', '-O', '-', 'http://127.0.0.1:8081/cgi-bin/health'],
        },
        { name: 'Last worker poll', service: 'worker', run: ['cat', '/data/last-poll.json'] },
      ],
    };
    expect(ParityConfigSchema.parse(raw)).toEqual(expected);
    expect(unknownKeys(raw)).toEqual([]);
  });

  it('accepts an empty file and every source kind and both forms of run', () => {
    expect(ParityConfigSchema.parse({})).toEqual({});
    const config = {
      compose: 'compose.yaml',
      production: [
        { kubernetes: ['deploy/base', 'deploy/prod.yaml'] },
        { compose: 'compose.prod.yaml' },
        { snapshot: 'prod.snapshot.json' },
      ],
      map: { db: 'StatefulSet/db', cache: 'redis', api: 'Deployment/shop-api' },
      drift: { severity: { '*.image.tag': 'error', '*.resources.memory': 'info' } },
      actions: [
        { name: 'Seed', service: 'db', run: 'seed --all', description: 'Load data', confirm: true },
      ],
    };
    expect(ParityConfigSchema.parse(config)).toEqual(config);
  });

  it('requires a reason for every accepted difference', () => {
    expect(issues({ drift: { accept: [{ path: 'web.image' }] } })).toEqual([
      'drift.accept.0.reason: missing reason: say why this difference is acceptable, e.g. reason: "built from source locally"',
    ]);
    expect(issues({ drift: { accept: [{ path: 'web.image', reason: '  ' }] } })).toEqual([
      'drift.accept.0.reason: found an empty reason, expected why this difference is acceptable',
    ]);
  });

  it('refuses an action with nothing to run, pointing at the exact item', () => {
    expect(issues({ actions: [{ name: 'a', service: 'api', run: [] }] })).toEqual([
      'actions.0.run: found an empty list, expected the command and its arguments',
    ]);
    expect(issues({ actions: [{ name: 'a', service: 'api', run: '' }] })).toEqual([
      'actions.0.run: found an empty string, expected a shell command',
    ]);
    expect(issues({ actions: [{ name: 'a', service: 'api' }] })).toEqual([
      'actions.0.run: missing a shell command or a list of command words',
    ]);
    // YAML reads `5` as a number: say so, and how to keep it as text.
    expect(issues({ actions: [{ name: 'a', service: 'api', run: ['sleep', 5] }] })).toEqual([
      'actions.0.run.1: found the number 5, expected a command word; write it in quotes ("5") to keep it as text',
    ]);
  });

  it('refuses two actions with the same name', () => {
    expect(
      issues({
        actions: [
          { name: 'Seed', ...RUN },
          { name: 'Seed', ...RUN },
        ],
      }),
    ).toEqual([
      'actions.1.name: found a second action named "Seed", expected unique names: the tray and the CLI pick an action by its name',
    ]);
  });

  it('refuses a project name Compose would refuse, suggesting one it accepts', () => {
    expect(issues({ name: 'My Shop' })).toEqual([
      'name: found "My Shop", expected a project name of lowercase letters, digits, "-" and "_" that starts with a letter or digit, as Compose requires, e.g. "my-shop"',
    ]);
    expect(issues({ name: 'Shop' })[0]).toMatch(/^name: found "Shop", expected .*e\.g\. "shop"$/);
    expect(issues({ name: '-shop' })).toHaveLength(1);
    expect(issues({ name: '' })).toEqual(['name: found an empty string, expected a project name']);
    expect(ParityConfigSchema.parse({ name: 'shop_2-b' })).toEqual({ name: 'shop_2-b' });
  });

  it('refuses a production entry that is not exactly one known kind', () => {
    expect(issues({ production: [{ kubernetes: 'deploy/k8s', compose: 'prod.yaml' }] })).toEqual([
      'production.0: found 2 keys (kubernetes, compose), expected exactly one (kubernetes, helm, compose or snapshot): write each production source as its own list item',
    ]);
    expect(issues({ production: [{ helmfile: 'chart' }] })).toEqual([
      'production.0.helmfile: found an unknown kind of production source "helmfile", expected kubernetes, helm, compose or snapshot',
    ]);
    expect(issues({ production: [{}] })).toEqual([
      'production.0: found an empty mapping, expected one key: kubernetes, helm, compose or snapshot',
    ]);
    expect(issues({ production: ['deploy/k8s'] })).toEqual([
      'production.0: found "deploy/k8s", expected a mapping with one key (kubernetes, helm, compose or snapshot), e.g. "kubernetes: deploy/k8s"',
    ]);
    expect(issues({ production: [{ kubernetes: ['deploy/k8s', ''] }] })).toEqual([
      'production.0.kubernetes.1: found an empty string, expected a manifest file or folder',
    ]);
    // A commented-out list leaves `production:` empty, which YAML reads as null.
    expect(issues({ production: null })).toEqual([
      'production: found an empty value, expected a list of production sources',
    ]);
  });

  it('takes a helm source as { chart, values, release, namespace }, each checked at its path', () => {
    const helm = {
      chart: 'deploy/chart',
      values: ['values.prod.yaml'],
      release: 'shop',
      namespace: 'prod',
    };
    expect(ParityConfigSchema.parse({ production: [{ helm }] })).toEqual({
      production: [{ helm }],
    });
    expect(
      ParityConfigSchema.safeParse({ production: [{ helm: { chart: 'c', values: 'v.yaml' } }] })
        .success,
    ).toBe(true);
    expect(issues({ production: [{ helm: 'deploy/chart' }] })).toEqual([
      'production.0.helm: found "deploy/chart", expected a mapping such as { chart: deploy/chart, values: [values.prod.yaml] }',
    ]);
    expect(issues({ production: [{ helm: { values: ['v.yaml'] } }] })).toEqual([
      'production.0.helm.chart: missing a chart folder or .tgz file',
    ]);
    expect(issues({ production: [{ helm: { chart: 'c', valeus: ['v.yaml'] } }] })).toEqual([
      'production.0.helm: found "valeus", expected only chart, values, release and namespace',
    ]);
    expect(issues({ production: [{ helm: { chart: 'c', release: 'My Shop' } }] })).toEqual([
      'production.0.helm.release: found "My Shop", expected a release name of lowercase letters, digits and "-", as Helm requires',
    ]);
    expect(issues({ production: [{ helm: { chart: 'c', values: [''] } }] })).toEqual([
      'production.0.helm.values.0: found an empty string, expected a values file path',
    ]);
  });

  it('checks map references, severities and value types, each at its path', () => {
    expect(issues({ map: { api: 'Deploymnet/shop-api' } })).toEqual([
      'map.api: found an unknown kind "Deploymnet", expected one of Deployment, StatefulSet, DaemonSet, Job, CronJob (e.g. "Deployment/shop-api") or a bare name',
    ]);
    expect(issues({ map: { 'my api': 'api' } })).toEqual([
      'map.my api: found "my api", expected a dev service name (letters, digits, ".", "_", "-")',
    ]);
    expect(issues({ drift: { severity: { '*.image': 'fatal' } } })).toEqual([
      'drift.severity.*.image: found "fatal", expected error, warning or info',
    ]);
    expect(issues({ drift: { ignore: '*.env.LOG_LEVEL' } })).toEqual([
      'drift.ignore: found "*.env.LOG_LEVEL", expected a list of path patterns',
    ]);
    expect(issues({ compose: ['compose.yaml', 5] })).toEqual([
      'compose.1: found the number 5, expected a compose file path; write it in quotes ("5") to keep it as text',
    ]);
    expect(issues([])).toEqual([': found a list, expected a mapping of Parity settings']);
  });

  it('strips unknown keys and lets unknownKeys name them for warnings', () => {
    const raw = {
      nmae: 'shop',
      'x-team': { owner: 'payments' },
      drift: { acept: [{ path: 'web.image', reason: 'local' }], 'x-note': 'ours' },
      actions: [{ name: 'Seed', service: 'db', run: 'seed', descripton: 'typo' }],
      map: { anything: 'Deployment/any' },
    };
    expect(unknownKeys(raw)).toEqual([
      ['nmae'],
      ['drift', 'acept'],
      ['actions', '0', 'descripton'],
    ]);
    // Unknown keys are warnings: the rest of the file still loads, without them.
    expect(ParityConfigSchema.parse(raw)).toEqual({
      drift: {},
      actions: [{ name: 'Seed', service: 'db', run: 'seed' }],
      map: { anything: 'Deployment/any' },
    });
  });

  it('leaves keys the parse already refuses to the parse', () => {
    // An extra key in a production entry is an error there; a warning would repeat it.
    expect(unknownKeys({ production: [{ kubernetes: 'k8s', helm: 'chart' }] })).toEqual([]);
    expect(unknownKeys('not a mapping')).toEqual([]);
    expect(unknownKeys({ drift: [{ acept: 1 }] })).toEqual([]);
  });

  it('splits a production reference into kind and name', () => {
    expect(parseProductionRef('Deployment/shop-api')).toEqual({
      kind: 'Deployment',
      name: 'shop-api',
    });
    expect(parseProductionRef('db')).toEqual({ kind: null, name: 'db' });
  });
});
