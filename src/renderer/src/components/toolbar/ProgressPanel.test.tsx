import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { OperationRun } from '../../hooks/use-operations';
import { formatElapsed, ProgressPanel } from './ProgressPanel';

const running: OperationRun = {
  label: 'Start',
  local: true,
  startedAt: 0,
  steps: [
    { service: 'api', phase: 'healthy', elapsedMs: 3200 },
    { service: 'worker', phase: 'waiting', elapsedMs: 3300, detail: 'for api to be healthy' },
  ],
  result: null,
};

describe('ProgressPanel', () => {
  it('shows each service with its phase and time while it runs', () => {
    render(<ProgressPanel run={running} onDismiss={vi.fn()} />);
    const panel = screen.getByRole('region', { name: 'Progress' });
    expect(panel.textContent).toContain('running…');
    const worker = within(panel).getByText('worker').parentElement;
    expect(worker?.textContent).toBe('workerwaiting3.3 sfor api to be healthy');
    expect(screen.queryByRole('button', { name: 'Dismiss progress' })).toBeNull();
  });

  it('shows a bar for a pull or build that says how far it is', () => {
    const pulling: OperationRun = {
      ...running,
      steps: [
        { service: 'db', phase: 'pulling', elapsedMs: 900, fraction: 0.42, detail: '1/3 layers' },
        { service: 'api', phase: 'creating', elapsedMs: 950 },
      ],
    };
    render(<ProgressPanel run={pulling} onDismiss={vi.fn()} />);
    const bar = screen.getByRole('progressbar', { name: 'db pulling' });
    expect(bar.getAttribute('value')).toBe('0.42');
    expect(screen.getAllByRole('progressbar')).toHaveLength(1);
  });

  it('ends with the outcome, which can be dismissed', () => {
    const onDismiss = vi.fn();
    render(
      <ProgressPanel
        run={{
          ...running,
          result: { ok: false, message: 'api: port 18081 is taken', elapsedMs: 4100 },
        }}
        onDismiss={onDismiss}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('api: port 18081 is taken');
    expect(screen.getByRole('region', { name: 'Progress' }).textContent).toContain(
      'failed in 4.1 s',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss progress' }));
    expect(onDismiss).toHaveBeenCalledOnce();
  });

  it('formats times', () => {
    expect(formatElapsed(950)).toBe('0.9 s');
    expect(formatElapsed(42_000)).toBe('42 s');
    expect(formatElapsed(125_000)).toBe('2 min 5 s');
  });
});
