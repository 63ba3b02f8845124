import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../shared/settings';
import { App } from './App';
import { apiError, fakeConnection } from './testing/fake-connection';
import { shopDetail, summary } from './testing/fixtures';

vi.mock('./components/logs/LogsView', () => ({ LogsView: () => <p>logs</p> }));
vi.mock('./components/drift/DriftView', () => ({ DriftView: () => <p>drift</p> }));

const shop = summary();
const blog = summary({
  id: '/home/dev/blog',
  name: 'blog',
  services: { ...shop.services, total: 1 },
});
const UNREACHABLE = {
  reachable: false as const,
  endpoint: 'unix:///nonexistent.sock',
  reason: 'no such file',
};

afterEach(() => {
  vi.useRealTimers();
  delete document.documentElement.dataset.theme;
});

describe('App', () => {
  it('explains how to start when there is no project, and names the engine', async () => {
    const fake = fakeConnection();
    render(<App connection={fake.connection} />);
    expect(await screen.findByRole('region', { name: 'No projects' })).toBeTruthy();
    expect(screen.getByLabelText('Docker engine').textContent).toBe(
      'Docker 28.0.0 at unix:///var/run/docker.sock',
    );
  });

  it('lists the projects, shows the first, and switches on click', async () => {
    const fake = fakeConnection({
      'projects.list': () => [shop, blog],
      'projects.get': ({ project }) =>
        project === shop.id ? shopDetail() : { summary: blog, services: [], orphans: [] },
    });
    render(<App connection={fake.connection} />);
    expect(await screen.findByRole('region', { name: 'Project shop' })).toBeTruthy();
    await screen.findByRole('button', { name: 'Service api, not created' });
    fireEvent.click(screen.getByRole('button', { name: /^blog/ }));
    expect(await screen.findByRole('region', { name: 'Project blog' })).toBeTruthy();
  });

  it("opens the project's tab the desktop app asks for, in its address or by an event", async () => {
    const fake = fakeConnection({
      'projects.list': () => [shop, blog],
      'projects.get': ({ project }) =>
        project === shop.id ? shopDetail() : { summary: blog, services: [], orphans: [] },
    });
    window.location.hash = `project=${encodeURIComponent(blog.id)}&view=drift`;
    try {
      render(<App connection={fake.connection} />);
      expect(await screen.findByRole('region', { name: 'Project blog' })).toBeTruthy();
      expect(screen.getByRole('tab', { name: /Drift/ }).getAttribute('aria-selected')).toBe('true');
    } finally {
      window.location.hash = '';
    }
    act(() => fake.emit('navigate', { project: shop.id, view: 'logs' }));
    expect(await screen.findByRole('region', { name: 'Project shop' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: /Logs/ }).getAttribute('aria-selected')).toBe('true');
  });

  it('follows project.changed and project.removed', async () => {
    const fake = fakeConnection({
      'projects.list': () => [shop],
      'projects.get': () => shopDetail(),
    });
    render(<App connection={fake.connection} />);
    const nav = await screen.findByRole('navigation', { name: 'Projects' });
    await within(nav).findByRole('button', { name: /^shop/ });
    act(() => {
      fake.emit('project.changed', { ...shop, state: 'running', driftCount: 2 });
      fake.emit('project.changed', blog);
    });
    expect(within(nav).getByRole('button', { name: /^shop/ }).textContent).toContain('running');
    expect(within(nav).getByRole('button', { name: /^shop/ }).textContent).toContain('2 drifts');
    expect(within(nav).getByRole('button', { name: /^blog/ })).toBeTruthy();
    act(() => fake.emit('project.removed', { id: shop.id }));
    expect(within(nav).queryByRole('button', { name: /^shop/ })).toBeNull();
    expect(await screen.findByRole('region', { name: 'Project blog' })).toBeTruthy();
  });

  it("adds a folder, showing the core's refusal beside the field", async () => {
    const fake = fakeConnection({
      'projects.add': ({ directory }) => {
        if (directory === shop.id) return shop;
        throw apiError('NotAProjectError', `${directory} does not exist`);
      },
      'projects.get': () => shopDetail(),
    });
    render(<App connection={fake.connection} />);
    const field = await screen.findByRole('textbox', { name: 'Project folder' });
    fireEvent.change(field, { target: { value: '/nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect((await screen.findByRole('alert')).textContent).toBe('/nope does not exist');
    fireEvent.change(field, { target: { value: shop.id } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByRole('region', { name: 'Project shop' })).toBeTruthy();
  });

  it('shows the unreachable engine, asks again every few seconds and recovers', async () => {
    vi.useFakeTimers();
    const fake = fakeConnection({ 'engine.status': () => UNREACHABLE, 'projects.list': () => [] });
    render(<App connection={fake.connection} />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    const banner = screen.getByRole('alert', { name: 'Docker engine unreachable' });
    expect(banner.textContent).toContain('unix:///nonexistent.sock: no such file');
    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(fake.callsOf('engine.status')).toHaveLength(2);
    fake.script({
      'engine.status': () => ({
        reachable: true,
        endpoint: 'unix:///nonexistent.sock',
        version: '28.0.0',
      }),
    });
    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(screen.queryByRole('alert', { name: 'Docker engine unreachable' })).toBeNull();
    // Back again: the projects are read afresh, and the polling stops.
    expect(fake.callsOf('projects.list')).toHaveLength(2);
    await act(() => vi.advanceTimersByTimeAsync(9000));
    expect(fake.callsOf('engine.status')).toHaveLength(3);
  });

  it('shows the banner as soon as an engine.status event says so', async () => {
    const fake = fakeConnection();
    render(<App connection={fake.connection} />);
    await screen.findByRole('region', { name: 'No projects' });
    act(() => fake.emit('engine.status', UNREACHABLE));
    expect(screen.getByRole('alert', { name: 'Docker engine unreachable' })).toBeTruthy();
  });

  it('says when the core itself cannot be reached', async () => {
    const fake = fakeConnection({
      'engine.status': () => {
        throw new Error('Lost the connection to parity serve');
      },
    });
    render(<App connection={fake.connection} />);
    const banner = await screen.findByRole('alert', { name: 'Parity unreachable' });
    expect(banner.textContent).toContain('Lost the connection to parity serve');
  });

  it('applies the theme setting and saves a change', async () => {
    const fake = fakeConnection({
      'settings.get': () => ({ ...defaultSettings(), theme: 'dark' }),
      'settings.set': ({ patch }) => ({ ...defaultSettings(), ...patch }),
    });
    render(<App connection={fake.connection} />);
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    fireEvent.change(screen.getByRole('combobox', { name: 'Theme' }), {
      target: { value: 'system' },
    });
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(fake.callsOf('settings.set')).toEqual([{ patch: { theme: 'system' } }]);
  });
});
