import { describe, expect, it } from 'vitest';
import type { Finding, ServiceMatch } from '../../../../shared/drift';
import {
  ALL_FINDINGS,
  filterFindings,
  findingName,
  groupFindings,
  sidePosition,
  sideValue,
} from './drift-model';
import { outlineFindings, rootName } from '../../../../shared/drift-outline';
import { shopFindings } from './drift-fixture';

describe('the drift model', () => {
  it('groups by service in report order, errors first within a group', () => {
    const groups = groupFindings(shopFindings(), 'service');
    expect(groups.map((g) => g.key)).toEqual(['web', 'api', 'redis']);
    expect(groups[0]?.findings.map((f) => f.path)).toEqual(['image', 'env.PUBLIC_URL', 'replicas']);
  });

  it('groups by category in the contract order', () => {
    const groups = groupFindings(shopFindings(), 'category');
    expect(groups.map((g) => [g.key, g.findings.length])).toEqual([
      ['topology', 1],
      ['image', 1],
      ['env', 4],
      ['resources', 1],
    ]);
  });

  it('filters by severity, status and category', () => {
    const findings = shopFindings();
    expect(filterFindings(findings, ALL_FINDINGS)).toHaveLength(findings.length);
    const errors = filterFindings(findings, { ...ALL_FINDINGS, severities: new Set(['error']) });
    expect(errors.map(findingName)).toEqual(['redis']);
    const covered = filterFindings(findings, {
      ...ALL_FINDINGS,
      statuses: new Set(['accepted', 'ignored']),
    });
    expect(covered.map(findingName)).toEqual(['web.image', 'api.env.LOG_LEVEL']);
    const env = filterFindings(findings, {
      ...ALL_FINDINGS,
      category: 'env',
      statuses: new Set(['drift']),
    });
    expect(env.map(findingName)).toEqual([
      'web.env.PUBLIC_URL',
      'api.env.PAYMENT_API_KEY',
      'api.env.CACHE_URL',
    ]);
  });

  it('shows a secret only as same or differs, whatever arrives', () => {
    const source = null;
    expect(sideValue({ secret: true }, { value: 'same', source })).toBe('same');
    expect(sideValue({ secret: true }, { value: 'differs', source })).toBe('differs');
    expect(sideValue({ secret: true }, { value: 'hunter2', source })).toBe('differs');
    expect(sideValue({ secret: true }, { value: null, source })).toBeNull();
    expect(sideValue({ secret: false }, { value: 'debug', source })).toBe('debug');
  });

  it('writes positions as file:line:column', () => {
    expect(
      sidePosition({ value: 'x', source: { file: 'compose.yaml', line: 17, column: 19 } }),
    ).toBe('compose.yaml:17:19');
    expect(sidePosition({ value: null, source: null })).toBeNull();
  });
});

describe('grouping by root cause', () => {
  const base = shopFindings();
  const port: Finding = {
    service: 'api',
    path: 'ports.8081/tcp',
    kind: 'only-dev',
    category: 'ports',
    severity: 'warning',
    rule: 'the service listens on a different container port',
    status: 'drift',
    secret: false,
    id: 'api.ports.8081/tcp',
    dev: { value: '8081/tcp: host port 127.0.0.1:18081', source: null },
    prod: { value: null, source: null },
  };
  const symptom = (service: string, causedBy: string): Finding => ({
    ...base[1]!,
    service,
    path: 'env.API_URL',
    id: `${service}.env.API_URL`,
    causedBy,
    cause: 'names it',
  });
  const matches: ServiceMatch[] = [{ dev: 'worker', prod: 'order-worker', by: 'map' }];

  it('puts each root first with its symptoms, and the rest under others', () => {
    const findings = [
      ...base,
      symptom('web', 'api.ports.8081/tcp'),
      port,
      symptom('worker', 'api.ports.8081/tcp'),
      symptom('cart', 'worker.map'),
    ];
    const { roots, rest } = outlineFindings(findings);
    expect(roots.map((g) => [rootName(g, matches), g.symptoms.map((s) => s.service)])).toEqual([
      ['ports.8081/tcp of api', ['web', 'worker']],
      ['the rename of worker to order-worker (parity.yaml map)', ['cart']],
    ]);
    expect(roots[0]?.kind === 'root' && roots[0].root).toBe(port);
    expect(roots[1]?.kind).toBe('rename');
    expect(rest).toEqual(base.map((finding) => ({ kind: 'single', finding })));
  });

  it('leaves a symptom on its own when the filters hide its root', () => {
    const alone = symptom('web', 'api.ports.8081/tcp');
    expect(outlineFindings([alone])).toEqual({
      roots: [],
      rest: [{ kind: 'single', finding: alone }],
    });
  });
});
