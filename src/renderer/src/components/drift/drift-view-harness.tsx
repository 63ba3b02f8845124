import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { DriftResult } from '../../../../shared/api/contract';
import { fakeConnection, type FakeHandlers } from '../../testing/fake-connection';
import { driftResult } from './drift-fixture';
import { DriftView } from './DriftView';

/** The project the view shows in these tests. */
export const PROJECT = '/home/dev/shop';

/** Renders the Drift view over a fake core answering `first`, which can then change. */
export function setup(first: DriftResult = driftResult(), handlers: FakeHandlers = {}) {
  let current = first;
  const script = fakeConnection({ 'drift.get': () => current, ...handlers });
  render(<DriftView connection={script.connection} project={PROJECT} />);
  return {
    script,
    /** The core's answer changes, and it says so. */
    change(next: DriftResult, project = PROJECT) {
      current = next;
      act(() => script.emit('drift.changed', { project, summary: null }));
    },
    driftGets: () => script.calls.filter((c) => c.method === 'drift.get').length,
  };
}

/** A service's group of findings. */
export const group = (name: string) =>
  screen.getByRole('region', { name: new RegExp(`^${name} \\(`) });
/** The row of a field in a group. */
export const row = (scope: HTMLElement, field: string) =>
  within(scope)
    .getAllByRole('row')
    .find((r) => r.querySelector('.drift-field code')?.textContent === field);

/** Groups the findings another way than by root cause: "Service" or "Category". */
export const groupBy = (label: 'Service' | 'Category' | 'Root cause') =>
  fireEvent.click(screen.getByRole('radio', { name: label }));
