import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../../shared/drift';
import { driftResult, shopFindings } from './drift-fixture';
import { group, row, setup } from './drift-view-harness';

// The Drift tab as it opens: the root causes first, what follows from each folded under it,
// identical findings folded into one row with their count; one row per drift to fix.
describe('DriftView: led by root causes', () => {
  it('leads with the root cause, what follows from it folded under it, and a group folded with its count', async () => {
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
    const symptom = (service: string, dev: string, prod: string): Finding => ({
      service,
      path: 'env.API_URL',
      kind: 'changed',
      category: 'env',
      severity: 'warning',
      rule: 'an environment value differs',
      status: 'drift',
      secret: false,
      id: `${service}.env.API_URL`,
      causedBy: 'api.ports.8081/tcp',
      cause: 'names api:8081, which listens on 8082 in production',
      dev: { value: dev, source: null },
      prod: { value: prod, source: null },
    });
    const request = (service: string, cpus: string): Finding => ({
      service,
      path: 'resources.requests.cpus',
      kind: 'only-prod',
      category: 'resources',
      severity: 'info',
      rule: 'production sets a CPU request (reservation); the laptop does not',
      status: 'drift',
      secret: false,
      group: 'resources.requests.cpus only-prod',
      dev: { value: null, source: null },
      prod: { value: cpus, source: { file: `deploy/k8s/${service}.yaml`, line: 30, column: 9 } },
    });
    setup(
      driftResult([
        ...shopFindings(),
        port,
        symptom('web', 'http://api:8081', 'http://api:8082'),
        symptom('worker', 'http://api:8081/v1', 'http://api.shop.svc:8082/v1'),
        request('web', '0.1 (100m)'),
        request('api', '0.1 (100m)'),
        request('worker', '0.25 (250m)'),
      ]),
    );
    // 13 findings, 10 open: the root with its two symptoms is one, the three requests one.
    expect((await screen.findByLabelText('Drift summary')).textContent).toBe(
      '0 services dev-only, 1 prod-only, 7 drifts to fix (1 error), 2 more follow from them, 2 covered',
    );
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Root causes (1)',
      'Other differences (8)',
    ]);
    const roots = group('Root causes');
    const fold = within(roots).getByRole('button', {
      name: '2 more follow from ports.8081/tcp of api',
    });
    // Folded: the root's row shows, the rows that follow from it do not.
    expect(fold.getAttribute('aria-expanded')).toBe('false');
    expect(row(roots, 'api.ports.8081/tcp')).toBeTruthy();
    expect(row(roots, 'web.env.API_URL')).toBeUndefined();
    const controlled = document.getElementById(fold.getAttribute('aria-controls') ?? '');
    expect(controlled?.hidden).toBe(true);
    // A button: reached with Tab, opened with Enter or Space like any other.
    fold.focus();
    expect(document.activeElement).toBe(fold);
    fireEvent.click(fold);
    expect(fold.getAttribute('aria-expanded')).toBe('true');
    expect(controlled?.hidden).toBe(false);
    const url = row(roots, 'worker.env.API_URL');
    expect(url?.querySelector('.drift-follows')?.textContent).toBe(
      '↳ follows from ports.8081/tcp of api',
    );
    expect(url?.querySelector('.drift-meta')?.textContent).toBe(
      'changed · an environment value differs · names api:8081, which listens on 8082 in production',
    );
    expect(row(roots, 'web.env.API_URL')).toBeTruthy();

    // The CPU requests: one row with the count and where, both values, unfolded on request.
    const others = group('Other differences');
    const times = within(others).getByRole('button', {
      name: 'resources.requests.cpus ×3 (web, api, worker)',
    });
    const requests = times.closest('tr')!;
    expect(
      within(requests)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      'info',
      'resources.requests.cpus ▸ ×3 (web, api, worker)only in production · production sets a CPU request (reservation); the laptop does not',
      'absent',
      '0.1 (100m) on web, api; 0.25 (250m) on worker',
      '',
    ]);
    expect(row(others, 'worker.resources.requests.cpus')).toBeUndefined();
    fireEvent.click(times);
    expect(times.getAttribute('aria-expanded')).toBe('true');
    expect(row(others, 'worker.resources.requests.cpus')).toBeTruthy();
    expect(row(others, 'web.env.PUBLIC_URL')).toBeTruthy();
  });
});
