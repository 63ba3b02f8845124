import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DriftResult, DriftTarget } from '../../../../shared/api/contract';
import type { Finding } from '../../../../shared/drift';
import { summary } from '../../testing/fixtures';
import { driftResult, shopFindings } from './drift-fixture';
import { group, groupBy, PROJECT, row, setup } from './drift-view-harness';

describe('DriftView', () => {
  it('sums up the report and groups findings by service with both sides and their positions', async () => {
    setup();
    expect((await screen.findByLabelText('Drift summary')).textContent).toBe(
      '0 services dev-only, 1 prod-only, 5 drifts to fix (1 error), 2 covered',
    );
    // Led by root causes: the shop has none, so one list of its differences.
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Differences (7)',
    ]);
    groupBy('Service');
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(['web (3)', 'api (3)', 'redis (1)']);
    const url = row(group('web'), 'env.PUBLIC_URL');
    const cells = within(url!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual([
      'warning',
      'env.PUBLIC_URLchanged · an environment value differs',
      'http://127.0.0.1:18080compose.yaml:17:19',
      'https://shop.example.comdeploy/k8s/web.yaml:31:22',
      'Accept…Adopt…',
    ]);
    expect(within(url!).getByText('warning').className).toBe('badge severity-warning');
    const redis = row(group('redis'), 'service');
    expect(within(redis!).getByText('absent')).toBeTruthy();
    expect(within(redis!).getByText('error').className).toBe('badge severity-error');
  });

  it('shows accepted and ignored findings with their reasons, and no Accept for them', async () => {
    setup();
    await screen.findByLabelText('Drift summary');
    groupBy('Service');
    const image = row(await screen.findByRole('region', { name: /^web/ }), 'image');
    expect(within(image!).getByText('accepted').className).toBe('badge status-accepted');
    expect(within(image!).getByText('built from source locally')).toBeTruthy();
    expect(within(image!).queryByRole('button')).toBeNull();
    const level = row(group('api'), 'env.LOG_LEVEL');
    expect(within(level!).getByText('ignored')).toBeTruthy();
  });

  it('never shows a secret value, even one sent by mistake', async () => {
    const findings = shopFindings().map((f): Finding =>
      f.secret ? { ...f, dev: { ...f.dev, value: 'hunter2-dev' }, prod: { ...f.prod } } : f,
    );
    setup(driftResult(findings));
    await screen.findByLabelText('Drift summary');
    groupBy('Service');
    const secret = row(screen.getByRole('region', { name: /^api/ }), 'env.PAYMENT_API_KEY');
    const values = Array.from(secret!.querySelectorAll('.drift-side code')).map(
      (c) => c.textContent,
    );
    expect(values).toEqual(['differs', 'differs']);
    expect(document.body.textContent).not.toContain('hunter2');
  });

  it('groups by category on request, naming the service in each row', async () => {
    setup();
    await screen.findByLabelText('Drift summary');
    groupBy('Category');
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(['topology (1)', 'image (1)', 'env (4)', 'resources (1)']);
    expect(row(group('env'), 'api.env.PAYMENT_API_KEY')).toBeTruthy();
  });

  it('filters by severity, status and category', async () => {
    setup();
    await screen.findByLabelText('Drift summary');
    const names = () =>
      Array.from(document.querySelectorAll('.drift-field code')).map((c) => c.textContent);
    fireEvent.click(screen.getByRole('checkbox', { name: 'warning' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'info' }));
    expect(names()).toEqual(['redis']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'warning' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'drift' }));
    expect(names()).toEqual(['web.image', 'api.env.LOG_LEVEL']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Category' }), {
      target: { value: 'image' },
    });
    expect(names()).toEqual(['web.image']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Category' }), {
      target: { value: 'ports' },
    });
    expect(screen.getByText('No finding matches the filters.')).toBeTruthy();
  });

  it('refreshes when the drift of this project changes, not of another', async () => {
    const t = setup();
    await screen.findByLabelText('Drift summary');
    expect(t.driftGets()).toBe(1);
    t.change(driftResult(shopFindings().slice(0, 1)), '/home/dev/other');
    expect(t.driftGets()).toBe(1);
    t.change(driftResult([]));
    expect(await screen.findByText('No drift: the dev stack matches production.')).toBeTruthy();
    expect(t.driftGets()).toBe(2);
  });

  it('says why drift is unavailable, with the problems and where they are', async () => {
    setup({
      available: false,
      reason: 'The project files have errors',
      problems: [
        {
          severity: 'error',
          message: 'services.api.ports[0]: expected a port',
          position: { file: 'compose.yaml', line: 27, column: 9 },
        },
        { severity: 'warning', message: 'unknown key "colour"' },
      ],
    });
    const alert = await screen.findByRole('alert', { name: 'Drift unavailable' });
    expect(alert.textContent).toContain('The project files have errors');
    const problems = within(screen.getByRole('list', { name: 'Problems' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(problems).toEqual([
      'error compose.yaml:27:9 services.api.ports[0]: expected a port',
      'warning  unknown key "colour"',
    ]);
  });

  it('says when the report cannot be read', async () => {
    setup(driftResult(), {
      'drift.get': () => {
        throw new Error('connection lost');
      },
    });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Cannot read the drift report: connection lost',
    );
  });

  it('compares against the running containers or parity.lock on request, refetching', async () => {
    const stopped: Finding = {
      service: 'web',
      path: 'state',
      kind: 'changed',
      category: 'health',
      severity: 'warning',
      rule: 'stopped (docker stop or a kill): `parity up` or `parity start` starts it',
      status: 'drift',
      secret: false,
      dev: { value: 'running', source: { file: 'compose.yaml', line: 3, column: 3 } },
      prod: { value: 'exited (137)', source: null },
    };
    let running = [stopped];
    const runtime = (): DriftResult => {
      const result = driftResult(running);
      if (!result.available) throw new Error('the fixture is available');
      const comparison = {
        against: 'runtime' as const,
        sides: { dev: 'declared', prod: 'running' },
        from: [],
      };
      return { ...result, report: { ...result.report, comparison } };
    };
    const answers: Record<DriftTarget, () => DriftResult> = {
      production: () => driftResult(),
      runtime,
      lock: () => ({
        available: false,
        reason: 'No parity.lock in the project folder: `parity lock` writes it',
        problems: [],
      }),
    };
    const t = setup(driftResult(), {
      'drift.get': ({ against = 'production' }) => answers[against](),
    });
    await screen.findByLabelText('Drift summary');
    const group = screen.getByRole('group', { name: 'Against' });
    const choices = within(group).getAllByRole('radio');
    expect(choices.map((c) => c.parentElement?.textContent)).toEqual([
      'Production',
      'Running containers',
      'Lock file',
    ]);
    expect(choices.map((c) => (c as HTMLInputElement).checked)).toEqual([true, false, false]);
    // Native radios sharing a name: one tab stop, the arrow keys move between them.
    expect(new Set(choices.map((c) => (c as HTMLInputElement).name)).size).toBe(1);
    expect(choices.every((c) => c.tabIndex === 0)).toBe(true);

    fireEvent.click(within(group).getByRole('radio', { name: 'Running containers' }));
    const state = row(
      await screen.findByRole('region', { name: /^Differences \(1\)/ }),
      'web.state',
    );
    expect(
      within(state!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      'warning',
      `web.statechanged · ${stopped.rule}`,
      'runningcompose.yaml:3:3',
      'exited (137)',
      '',
    ]);
    // Accept rules are for production: none offered here; the columns say what is compared.
    expect(screen.queryByRole('button', { name: /^Accept/ })).toBeNull();
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Severity',
      'Field',
      'Declared',
      'Running',
      'Status',
    ]);
    expect(t.script.calls.filter((c) => c.method === 'drift.get').map((c) => c.params)).toEqual([
      { project: PROJECT, against: 'production' },
      { project: PROJECT, against: 'runtime' },
    ]);

    // The containers change without the files: the report follows the project's changes.
    running = [];
    act(() => t.script.emit('project.changed', summary({ id: PROJECT })));
    expect(
      await screen.findByText('No drift: the running containers match the files.'),
    ).toBeTruthy();
    expect(t.driftGets()).toBe(3);

    fireEvent.click(within(group).getByRole('radio', { name: 'Lock file' }));
    const alert = await screen.findByRole('alert', { name: 'Drift unavailable' });
    expect(alert.textContent).toContain('No parity.lock in the project folder');
    // The selector stays, to go back.
    fireEvent.click(screen.getByRole('radio', { name: 'Production' }));
    expect(await screen.findByLabelText('Drift summary')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Accept/ }).length).toBeGreaterThan(0);
    // Against production, container changes do not refetch.
    const gets = t.driftGets();
    act(() => t.script.emit('project.changed', summary({ id: PROJECT })));
    expect(t.driftGets()).toBe(gets);
  });
});
