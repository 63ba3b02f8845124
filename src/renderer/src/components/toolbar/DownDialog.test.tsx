import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DownDialog } from './DownDialog';

function renderDialog() {
  const onConfirm = vi.fn();
  const onCancel = vi.fn();
  render(
    <DownDialog
      project="shop"
      containers={3}
      volumes={['worker-data']}
      onConfirm={onConfirm}
      onCancel={onCancel}
    />,
  );
  return { onConfirm, onCancel, dialog: screen.getByRole('dialog', { name: 'Down shop?' }) };
}

describe('DownDialog', () => {
  it('names what is removed and what is kept, volumes unchecked', () => {
    const { dialog, onConfirm } = renderDialog();
    expect(dialog.textContent).toContain("Removed: the project's 3 containers and its networks");
    expect(dialog.textContent).toContain('Kept: named volumes (worker-data)');
    const box = screen.getByRole('checkbox', { name: 'Also delete volumes' });
    expect(box).toHaveProperty('checked', false);
    expect(screen.getByText(/loses the data stored in them/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Down' }));
    expect(onConfirm).toHaveBeenCalledWith(false);
  });

  it('deletes volumes only when asked, and says so on the button', () => {
    const { onConfirm } = renderDialog();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Also delete volumes' }));
    fireEvent.click(screen.getByRole('button', { name: 'Down and delete volumes' }));
    expect(onConfirm).toHaveBeenCalledWith(true);
  });

  it('cancels with the focused Cancel button or Escape', () => {
    const { onCancel, dialog } = renderDialog();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledOnce();
  });
});
