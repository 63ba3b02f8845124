import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ProjectToolbar, type ToolbarState } from './ProjectToolbar';

function renderToolbar(state: Partial<ToolbarState> = {}) {
  const handlers = {
    onStart: vi.fn(),
    onStop: vi.fn(),
    onRestart: vi.fn(),
    onDown: vi.fn(),
    onAction: vi.fn(),
  };
  render(
    <ProjectToolbar
      state={{ busy: false, anyRunning: true, anyContainer: true, invalid: false, ...state }}
      actions={[]}
      {...handlers}
    />,
  );
  return handlers;
}

describe('ProjectToolbar', () => {
  it('offers Start, Stop, Restart and Down with their shortcuts', () => {
    const handlers = renderToolbar();
    const start = screen.getByRole('button', { name: 'Start' });
    expect(start.getAttribute('aria-keyshortcuts')).toBe('Control+Shift+S Meta+Shift+S');
    expect(start.title).toBe('Start every service, dependencies first (Ctrl+Shift+S)');
    expect(screen.getByRole('button', { name: 'Stop' }).title).toContain('keeping the containers');
    fireEvent.click(start);
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    fireEvent.click(screen.getByRole('button', { name: 'Restart' }));
    fireEvent.click(screen.getByRole('button', { name: 'Down' }));
    expect(handlers.onStart).toHaveBeenCalledOnce();
    expect(handlers.onStop).toHaveBeenCalledOnce();
    expect(handlers.onRestart).toHaveBeenCalledOnce();
    expect(handlers.onDown).toHaveBeenCalledOnce();
  });

  it('waits while an operation runs, and offers Stop only when something runs', () => {
    renderToolbar({ busy: true });
    for (const name of ['Start', 'Stop', 'Restart', 'Down']) {
      expect(screen.getByRole('button', { name })).toHaveProperty('disabled', true);
    }
  });

  it('offers only Start and Down for a stack with nothing running', () => {
    renderToolbar({ anyRunning: false, anyContainer: false });
    expect(screen.getByRole('button', { name: 'Start' })).toHaveProperty('disabled', false);
    expect(screen.getByRole('button', { name: 'Stop' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Restart' })).toHaveProperty('disabled', true);
  });
});
