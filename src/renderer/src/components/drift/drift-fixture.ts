// A drift report shaped like the shop example's, for the component tests.
import type { DriftResult } from '../../../../shared/api/contract';
import type { Finding } from '../../../../shared/drift';
import { summarizeDrift } from '../../../../shared/drift-summary';

const at = (file: string, line: number, column: number) => ({ file, line, column });

/** The findings, each written out in full. */
export function shopFindings(): Finding[] {
  return [
    {
      service: 'web',
      path: 'image',
      kind: 'changed',
      category: 'image',
      severity: 'warning',
      rule: 'built from source on the laptop, a pinned image in production',
      status: 'accepted',
      reason: 'built from source locally',
      secret: false,
      dev: { value: 'build ./web', source: at('compose.yaml', 12, 12) },
      prod: {
        value: 'registry.example.com/shop/web:1.4.2',
        source: at('deploy/k8s/web.yaml', 23, 18),
      },
    },
    {
      service: 'web',
      path: 'env.PUBLIC_URL',
      kind: 'changed',
      category: 'env',
      severity: 'warning',
      rule: 'an environment value differs',
      status: 'drift',
      secret: false,
      dev: { value: 'http://127.0.0.1:18080', source: at('compose.yaml', 17, 19) },
      prod: { value: 'https://shop.example.com', source: at('deploy/k8s/web.yaml', 31, 22) },
    },
    {
      service: 'web',
      path: 'replicas',
      kind: 'changed',
      category: 'resources',
      severity: 'info',
      rule: 'replica count differs',
      status: 'drift',
      secret: false,
      dev: { value: '1', source: at('compose.yaml', 11, 3) },
      prod: { value: '3', source: at('deploy/k8s/web.yaml', 11, 13) },
    },
    {
      service: 'api',
      path: 'env.PAYMENT_API_KEY',
      kind: 'changed',
      category: 'env',
      severity: 'warning',
      rule: 'an environment value differs',
      status: 'drift',
      secret: true,
      dev: { value: 'differs', source: at('compose.yaml', 32, 24) },
      prod: { value: 'differs', source: at('deploy/k8s/api.yaml', 33, 15) },
    },
    {
      service: 'api',
      path: 'env.LOG_LEVEL',
      kind: 'changed',
      category: 'env',
      severity: 'warning',
      rule: 'an environment value differs',
      status: 'ignored',
      reason: 'matched *.env.LOG_LEVEL',
      secret: false,
      dev: { value: 'debug', source: at('compose.yaml', 30, 18) },
      prod: { value: 'info', source: at('deploy/k8s/config.yaml', 13, 3) },
    },
    {
      service: 'api',
      path: 'env.CACHE_URL',
      kind: 'only-prod',
      category: 'env',
      severity: 'warning',
      rule: 'production sets a variable the laptop lacks',
      status: 'drift',
      secret: false,
      dev: { value: null, source: null },
      prod: { value: 'redis://redis:6379/0', source: at('deploy/k8s/config.yaml', 15, 3) },
    },
    {
      service: 'redis',
      path: 'service',
      kind: 'only-prod',
      category: 'topology',
      severity: 'error',
      rule: 'a production service has no dev counterpart',
      status: 'drift',
      secret: false,
      dev: { value: null, source: null },
      prod: { value: 'redis:7.2.5-alpine', source: at('deploy/k8s/redis.yaml', 5, 1) },
    },
  ];
}

/** An available drift result over the given findings. */
export function driftResult(findings: Finding[] = shopFindings()): DriftResult {
  return {
    available: true,
    report: {
      matches: [
        { dev: 'web', prod: 'web', by: 'name' },
        { dev: 'api', prod: 'api', by: 'name' },
        { dev: null, prod: 'redis', by: 'none' },
      ],
      findings,
    },
    summary: summarizeDrift(findings),
    problems: [],
  };
}
