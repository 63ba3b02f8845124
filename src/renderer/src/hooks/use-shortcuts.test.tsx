import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import {
  ariaKeys,
  matchesShortcut,
  shortcutHint,
  useShortcuts,
  type Shortcut,
} from './use-shortcuts';

function Keys({ shortcuts }: { shortcuts: Shortcut[] }) {
  useShortcuts(shortcuts);
  return <input aria-label="field" />;
}

describe('shortcuts', () => {
  it('matches Ctrl or Cmd with Shift, and plain keys only without modifiers', () => {
    const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init);
    expect(matchesShortcut(key({ key: 'S', ctrlKey: true, shiftKey: true }), 'mod+shift+s')).toBe(
      true,
    );
    expect(matchesShortcut(key({ key: 'S', metaKey: true, shiftKey: true }), 'mod+shift+s')).toBe(
      true,
    );
    expect(matchesShortcut(key({ key: 's', ctrlKey: true }), 'mod+shift+s')).toBe(false);
    expect(matchesShortcut(key({ key: '1' }), '1')).toBe(true);
    expect(matchesShortcut(key({ key: '1', ctrlKey: true }), '1')).toBe(false);
  });

  it('writes them for aria-keyshortcuts and tooltips', () => {
    expect(ariaKeys('mod+shift+s')).toBe('Control+Shift+S Meta+Shift+S');
    expect(ariaKeys('f')).toBe('F');
    expect(shortcutHint('mod+shift+x')).toBe('Ctrl+Shift+X');
  });

  it('runs a shortcut, but no plain key while typing and none under a modal', () => {
    const fit = vi.fn();
    const start = vi.fn();
    const { getByLabelText } = render(
      <Keys
        shortcuts={[
          { keys: 'f', run: fit },
          { keys: 'mod+shift+s', run: start },
        ]}
      />,
    );
    fireEvent.keyDown(window, { key: 'f' });
    expect(fit).toHaveBeenCalledOnce();
    fireEvent.keyDown(getByLabelText('field'), { key: 'f' });
    expect(fit).toHaveBeenCalledOnce();
    fireEvent.keyDown(getByLabelText('field'), { key: 'S', ctrlKey: true, shiftKey: true });
    expect(start).toHaveBeenCalledOnce();
    const modal = document.createElement('div');
    modal.setAttribute('aria-modal', 'true');
    document.body.append(modal);
    fireEvent.keyDown(window, { key: 'f' });
    expect(fit).toHaveBeenCalledOnce();
    modal.remove();
  });
});
