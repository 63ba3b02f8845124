import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ActionSummary } from '../../../../shared/projects';
import { ActionOutputDialog, QuickActions } from './QuickActions';

const actions: ActionSummary[] = [
  { name: 'Show orders', service: 'api', confirm: false },
  { name: 'Reset data', service: 'db', description: 'Drops every table', confirm: true },
];

describe('QuickActions', () => {
  it('lists the actions and runs one at once', () => {
    const onRun = vi.fn();
    render(<QuickActions actions={actions} disabled={false} onRun={onRun} />);
    const toggle = screen.getByRole('button', { name: 'Quick actions' });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Show orders in api' }));
    expect(onRun).toHaveBeenCalledWith(actions[0]);
    expect(screen.queryByRole('list', { name: 'Quick actions' })).toBeNull();
  });

  it('leaves confirming to the API, which shows the command (no dialog of its own)', () => {
    const onRun = vi.fn();
    render(<QuickActions actions={actions} disabled={false} onRun={onRun} />);
    fireEvent.click(screen.getByRole('button', { name: 'Quick actions' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reset data in db' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onRun).toHaveBeenCalledWith(actions[1]);
  });

  it('closes the list on Escape, and shows nothing without actions', () => {
    const { rerender } = render(
      <QuickActions actions={actions} disabled={false} onRun={vi.fn()} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Quick actions' }));
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('list', { name: 'Quick actions' })).toBeNull();
    rerender(<QuickActions actions={[]} disabled={false} onRun={vi.fn()} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('ActionOutputDialog', () => {
  it('shows the output and the exit code', () => {
    const onClose = vi.fn();
    render(
      <ActionOutputDialog
        result={{ action: 'Show orders', exitCode: 0, output: '[]\n' }}
        onClose={onClose}
      />,
    );
    expect(screen.getByRole('dialog', { name: 'Output of Show orders' }).textContent).toContain(
      'Exit code 0',
    );
    expect(screen.getByLabelText('Output').textContent).toBe('[]\n');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
