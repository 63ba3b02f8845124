import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ProjectToolbar } from './ProjectToolbar';

function renderToolbar(on: boolean, busy = false, invalid = false) {
  const onChange = vi.fn();
  render(
    <ProjectToolbar
      state={{ busy, anyRunning: true, anyContainer: true, invalid }}
      actions={[]}
      onStart={vi.fn()}
      onStop={vi.fn()}
      onRestart={vi.fn()}
      onDown={vi.fn()}
      onAction={vi.fn()}
      mirror={{ on, onChange }}
    />,
  );
  return { onChange, toggle: screen.getByRole('switch', { name: 'Mirror production' }) };
}

describe('the Mirror production switch', () => {
  it('says whether the project mirrors production, and asks to turn it over', () => {
    const off = renderToolbar(false);
    expect((off.toggle as HTMLInputElement).checked).toBe(false);
    fireEvent.click(off.toggle);
    expect(off.onChange).toHaveBeenCalledWith(true);
  });

  it('turns off from on', () => {
    const on = renderToolbar(true);
    fireEvent.click(on.toggle);
    expect(on.onChange).toHaveBeenCalledWith(false);
  });

  it('is disabled while busy', () => {
    const { toggle } = renderToolbar(true, true);
    expect((toggle as HTMLInputElement).disabled).toBe(true);
  });

  it('can still be turned off when the files cannot be read, but not on', () => {
    const on = renderToolbar(true, false, true);
    expect((on.toggle as HTMLInputElement).disabled).toBe(false);
    cleanup();
    const off = renderToolbar(false, false, true);
    expect((off.toggle as HTMLInputElement).disabled).toBe(true);
  });
});
