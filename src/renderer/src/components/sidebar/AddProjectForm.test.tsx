import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiError } from '../../testing/fake-connection';
import { AddProjectForm } from './AddProjectForm';

describe('AddProjectForm', () => {
  it('shows why a folder is not a project next to the field', async () => {
    const onAdd = vi.fn(() =>
      Promise.reject(apiError('NotAProjectError', '/tmp/nothing has no compose.yaml')),
    );
    render(<AddProjectForm onAdd={onAdd} />);
    const field = screen.getByRole('textbox', { name: 'Project folder' });
    fireEvent.change(field, { target: { value: ' /tmp/nothing ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect((await screen.findByRole('alert')).textContent).toBe('/tmp/nothing has no compose.yaml');
    expect(onAdd).toHaveBeenCalledWith('/tmp/nothing');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe(screen.getByRole('alert').id);
  });

  it('clears the field once the folder is added, and adds nothing when empty', async () => {
    const onAdd = vi.fn(() => Promise.resolve());
    render(<AddProjectForm onAdd={onAdd} />);
    const button = screen.getByRole('button', { name: 'Add' });
    expect(button).toHaveProperty('disabled', true);
    const field = screen.getByRole('textbox', { name: 'Project folder' });
    fireEvent.change(field, { target: { value: '/home/dev/shop' } });
    fireEvent.submit(field);
    await waitFor(() => expect(field).toHaveProperty('value', ''));
    expect(onAdd).toHaveBeenCalledOnce();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('adds a folder dropped on it in the desktop app, where the preload knows its path', async () => {
    const onAdd = vi.fn(() => Promise.resolve());
    window.parity = {
      invoke: () => Promise.resolve({}),
      onEvent: () => () => undefined,
      pathForFile: (file) => `/home/dev/${file.name}`,
    };
    try {
      render(<AddProjectForm onAdd={onAdd} />);
      const form = screen.getByRole('form', { name: 'Add a project' });
      fireEvent.drop(form, { dataTransfer: { files: [new File([], 'shop')] } });
      await waitFor(() => expect(onAdd).toHaveBeenCalledWith('/home/dev/shop'));
    } finally {
      delete window.parity;
    }
  });

  it('asks for the path of a folder dropped in a browser, which cannot know it', async () => {
    const onAdd = vi.fn(() => Promise.resolve());
    render(<AddProjectForm onAdd={onAdd} />);
    const form = screen.getByRole('form', { name: 'Add a project' });
    fireEvent.drop(form, { dataTransfer: { files: [new File([], 'shop')] } });
    expect((await screen.findByRole('alert')).textContent).toMatch(/type its path/);
    expect(onAdd).not.toHaveBeenCalled();
  });
});
