import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../../../shared/api/contract';
import { fakeConnection, type FakeConnection } from '../../testing/fake-connection';
import { shopDetail, summary } from '../../testing/fixtures';
import { ProjectView } from './ProjectView';

// The Logs and Drift tabs are another component's business: stand-ins show what they get.
vi.mock('../logs/LogsView', () => ({
  LogsView: ({ focusService }: { focusService?: string | null }) => (
    <p>logs of {focusService ?? 'every service'}</p>
  ),
}));
vi.mock('../drift/DriftView', () => ({
  DriftView: ({ project }: { project: string }) => <p>drift of {project}</p>,
}));

const ID = '/home/dev/shop';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function renderView(fake: FakeConnection, actions = summary().actions) {
  render(<ProjectView connection={fake.connection} summary={summary({ actions })} />);
}

describe('ProjectView', () => {
  it('starts the stack, shows each step as it comes and how it ended', async () => {
    const up = deferred<ApiResult<'stack.up'>>();
    const fake = fakeConnection({
      'projects.get': () => shopDetail(),
      'stack.up': () => up.promise,
    });
    renderView(fake);
    await screen.findByRole('button', { name: 'Service api, not created' });
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(fake.callsOf('stack.up')).toEqual([{ project: ID }]));
    act(() => {
      fake.emit('progress', {
        project: ID,
        operation: 'up',
        step: { service: 'api', phase: 'starting', elapsedMs: 800 },
      });
      fake.emit('progress', {
        project: ID,
        operation: 'up',
        step: { service: 'api', phase: 'healthy', elapsedMs: 2500 },
      });
    });
    const progress = screen.getByRole('region', { name: 'Progress' });
    expect(progress.textContent).toContain('apihealthy2.5 s');
    expect(screen.getByRole('button', { name: 'Start' })).toHaveProperty('disabled', true);
    fake.script({ 'projects.get': () => shopDetail(true) });
    act(() => fake.emit('progress', { project: ID, operation: 'up', done: { ok: true } }));
    up.resolve({ failed: [] });
    await waitFor(() =>
      expect(within(progress).getByRole('status').textContent).toBe('shop is up'),
    );
    // The graph follows within a fraction of a second of the events.
    expect(
      await screen.findByRole('button', { name: 'Service api, running, healthy' }),
    ).toBeTruthy();
  });

  it('reports services that failed to start', async () => {
    const fake = fakeConnection({
      'projects.get': () => shopDetail(),
      'stack.up': () => ({ failed: [{ service: 'api', reason: 'port 18081 is taken' }] }),
    });
    renderView(fake);
    await screen.findByRole('button', { name: 'Service api, not created' });
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        '1 service failed: api: port 18081 is taken',
      ),
    );
  });

  it('asks projects.get again when the project changes, once for a burst of events', async () => {
    const fake = fakeConnection({ 'projects.get': () => shopDetail(true) });
    renderView(fake);
    await screen.findByRole('button', { name: 'Service worker, running' });
    const stopped = shopDetail(true);
    stopped.services = stopped.services.map((s) =>
      s.name === 'worker'
        ? {
            ...s,
            containers: s.containers.map((c) => ({
              ...c,
              state: 'exited' as const,
              status: 'Exited (137)',
            })),
          }
        : s,
    );
    fake.script({ 'projects.get': () => stopped });
    act(() => {
      for (let i = 0; i < 5; i++) fake.emit('project.changed', stopped.summary);
      fake.emit('project.changed', { ...stopped.summary, id: '/elsewhere' });
    });
    expect(await screen.findByRole('button', { name: 'Service worker, exited' })).toBeTruthy();
    expect(fake.callsOf('projects.get')).toHaveLength(2);
  });

  it('stops one service from its details, and opens its logs', async () => {
    const fake = fakeConnection({
      'projects.get': () => shopDetail(true),
      'service.stop': () => ({}),
    });
    renderView(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Service worker, running' }));
    const details = screen.getByRole('complementary', { name: 'Service worker details' });
    fireEvent.click(within(details).getByRole('button', { name: 'Stop worker' }));
    await waitFor(() =>
      expect(fake.callsOf('service.stop')).toEqual([{ project: ID, service: 'worker' }]),
    );
    expect(await screen.findByText('worker stopped; its container is kept')).toBeTruthy();
    fireEvent.click(within(details).getByRole('button', { name: 'Logs of worker' }));
    expect(screen.getByRole('tab', { name: 'Logs' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('logs of worker')).toBeTruthy();
  });

  it('brings up a service without a container with up, dependencies included', async () => {
    const fake = fakeConnection({
      'projects.get': () => shopDetail(),
      'stack.up': () => ({ failed: [] }),
    });
    renderView(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Service web, not created' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start web' }));
    await waitFor(() =>
      expect(fake.callsOf('stack.up')).toEqual([{ project: ID, services: ['web'] }]),
    );
  });

  it('stops and restarts the whole stack from the keyboard, and switches tabs', async () => {
    const fake = fakeConnection({
      'projects.get': () => shopDetail(true),
      'stack.stop': () => ({}),
      'stack.restart': () => ({}),
    });
    renderView(fake);
    await screen.findByRole('button', { name: 'Service worker, running' });
    fireEvent.keyDown(window, { key: 'X', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(fake.callsOf('stack.stop')).toEqual([{ project: ID }]));
    await screen.findByText('Every service is stopped; the containers are kept');
    fireEvent.keyDown(window, { key: 'R', metaKey: true, shiftKey: true });
    await waitFor(() => expect(fake.callsOf('stack.restart')).toEqual([{ project: ID }]));
    fireEvent.keyDown(window, { key: '3' });
    expect(screen.getByText(`drift of ${ID}`)).toBeTruthy();
    expect(document.getElementById('panel-graph')?.hidden).toBe(true);
    fireEvent.keyDown(window, { key: '1' });
    expect(screen.getByRole('tab', { name: 'Graph' }).getAttribute('aria-selected')).toBe('true');
  });

  it('downs the stack after confirmation, keeping volumes unless asked', async () => {
    const fake = fakeConnection({
      'projects.get': () => shopDetail(true),
      'stack.down': ({ volumes }) => ({
        containers: 3,
        networks: ['shop_default'],
        volumes: volumes ? ['shop_worker-data'] : [],
      }),
    });
    renderView(fake);
    await screen.findByRole('button', { name: 'Service worker, running' });
    fireEvent.keyDown(window, { key: 'D', ctrlKey: true, shiftKey: true });
    const dialog = screen.getByRole('dialog', { name: 'Down shop?' });
    expect(dialog.textContent).toContain('named volumes (worker-data)');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Down' }));
    await waitFor(() =>
      expect(fake.callsOf('stack.down')).toEqual([{ project: ID, volumes: false }]),
    );
    expect(
      await screen.findByText('Removed 3 containers, 1 network; named volumes kept'),
    ).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Down' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Also delete volumes' }));
    fireEvent.click(screen.getByRole('button', { name: 'Down and delete volumes' }));
    expect(
      await screen.findByText('Removed 3 containers, 1 network, volumes shop_worker-data'),
    ).toBeTruthy();
  });

  it('runs a quick action and shows its output', async () => {
    const fake = fakeConnection({
      'projects.get': () => shopDetail(true),
      'actions.run': () => ({ exitCode: 0, output: '{"orders":[]}\n' }),
    });
    renderView(fake, [{ name: 'Show orders', service: 'api', confirm: false }]);
    await screen.findByRole('button', { name: 'Service worker, running' });
    fireEvent.click(screen.getByRole('button', { name: 'Quick actions' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show orders in api' }));
    const dialog = await screen.findByRole('dialog', { name: 'Output of Show orders' });
    expect(within(dialog).getByLabelText('Output').textContent).toBe('{"orders":[]}\n');
    expect(fake.callsOf('actions.run')).toEqual([{ project: ID, action: 'Show orders' }]);
  });

  it('shows an operation started elsewhere from its events to its end', async () => {
    const fake = fakeConnection({ 'projects.get': () => shopDetail(true) });
    renderView(fake);
    await screen.findByRole('button', { name: 'Service worker, running' });
    act(() => {
      fake.emit('progress', {
        project: ID,
        operation: 'stop',
        step: { service: 'worker', phase: 'stopping', elapsedMs: 10 },
      });
    });
    expect(screen.getByRole('region', { name: 'Progress' }).textContent).toContain('Stop');
    act(() => {
      fake.emit('progress', {
        project: ID,
        operation: 'stop',
        done: { ok: false, message: 'worker did not stop' },
      });
    });
    expect(screen.getByRole('status').textContent).toBe('worker did not stop');
  });
});
