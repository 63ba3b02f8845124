import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { summary } from '../../testing/fixtures';
import { healthSummary, ProjectSidebar } from './ProjectSidebar';

const shop = summary({
  state: 'partial',
  services: {
    total: 3,
    running: 2,
    healthy: 1,
    unhealthy: 1,
    starting: 0,
    exited: 0,
    completed: 0,
  },
  driftCount: 4,
});
const blog = summary({
  id: '/home/dev/blog',
  name: 'blog',
  state: 'invalid',
  problems: [{ severity: 'error', message: 'compose.yaml:3: services must be a mapping' }],
});

function renderSidebar(onRemove = vi.fn(() => Promise.resolve())) {
  const onSelect = vi.fn();
  render(
    <ProjectSidebar
      projects={[shop, blog]}
      selected={shop.id}
      onSelect={onSelect}
      onAdd={() => Promise.resolve()}
      onRemove={onRemove}
    />,
  );
  return { onSelect, onRemove };
}

describe('ProjectSidebar', () => {
  it('lists every project with its state, health and drift', () => {
    renderSidebar();
    const nav = screen.getByRole('navigation', { name: 'Projects' });
    const item = within(nav).getByRole('button', { name: /^shop/ });
    expect(item.textContent).toContain('partial');
    expect(item.textContent).toContain('2/3 running, 1 healthy, 1 unhealthy');
    expect(item.textContent).toContain('4 drifts');
    expect(item.getAttribute('aria-current')).toBe('page');
    const broken = within(nav).getByRole('button', { name: /^blog/ });
    expect(broken.textContent).toContain('invalid');
    expect(broken.textContent).toContain('services must be a mapping');
  });

  it('says a drift count still being computed is being checked, not 0 and not an error', () => {
    const pending = summary({ driftPending: true });
    const { rerender } = render(
      <ProjectSidebar
        projects={[pending]}
        selected={pending.id}
        onSelect={vi.fn()}
        onAdd={() => Promise.resolve()}
        onRemove={() => Promise.resolve()}
      />,
    );
    const item = screen.getByRole('button', { name: /^shop/ });
    expect(item.textContent).toContain('checking…');
    expect(item.textContent).not.toMatch(/\d+ drifts?/);
    expect(item.querySelector('.has-drift, .project-problem')).toBeNull();
    rerender(
      <ProjectSidebar
        projects={[{ ...pending, driftPending: false, driftCount: 1 }]}
        selected={pending.id}
        onSelect={vi.fn()}
        onAdd={() => Promise.resolve()}
        onRemove={() => Promise.resolve()}
      />,
    );
    expect(item.textContent).toContain('1 drift');
    expect(item.textContent).not.toContain('checking');
  });

  it('selects a project on click', () => {
    const { onSelect } = renderSidebar();
    fireEvent.click(screen.getByRole('button', { name: /^blog/ }));
    expect(onSelect).toHaveBeenCalledWith('/home/dev/blog');
  });

  it('asks before removing, saying containers and volumes are untouched', async () => {
    const { onRemove } = renderSidebar();
    fireEvent.click(screen.getByRole('button', { name: 'Remove shop' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove shop from Parity?' });
    expect(dialog.textContent).toMatch(/containers and volumes are untouched/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(onRemove).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Remove shop' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(onRemove).toHaveBeenCalledWith('/home/dev/shop'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says so when removing fails', async () => {
    renderSidebar(vi.fn(() => Promise.reject(new Error('settings file is locked'))));
    fireEvent.click(screen.getByRole('button', { name: 'Remove shop' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    expect((await screen.findByRole('alert')).textContent).toBe('settings file is locked');
  });
});

describe('healthSummary', () => {
  it('counts what matters', () => {
    expect(healthSummary({ ...shop.services, unhealthy: 0, exited: 1, completed: 1 })).toBe(
      '2/3 running, 1 healthy, 1 crashed, 1 completed',
    );
    expect(healthSummary({ ...shop.services, total: 0 })).toBe('no services');
  });
});
