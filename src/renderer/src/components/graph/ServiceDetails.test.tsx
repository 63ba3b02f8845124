import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { shopServices } from '../../testing/fixtures';
import { SECRET_MASK, ServiceDetails, type ServiceActions } from './ServiceDetails';

function actions(): ServiceActions {
  return {
    start: vi.fn(),
    stop: vi.fn(),
    restart: vi.fn(),
    remove: vi.fn(),
    scale: vi.fn(),
    logs: vi.fn(),
  };
}

const [api, , worker] = shopServices(true);

describe('ServiceDetails', () => {
  it('shows status, health check, ports, env with secrets masked', () => {
    if (!api) throw new Error('fixture');
    render(<ServiceDetails service={api} actions={actions()} busy={false} onClose={vi.fn()} />);
    const panel = screen.getByRole('complementary', { name: 'Service api details' });
    expect(panel.textContent).toContain('running, healthy');
    expect(panel.textContent).toContain('wget -q -O - http://127.0.0.1:8081/cgi-bin/health');
    expect(within(panel).getByRole('link', { name: '18081→8081' })).toBeTruthy();
    const key = within(panel).getByRole('row', { name: /PAYMENT_API_KEY/ });
    expect(key.textContent).toBe(`PAYMENT_API_KEY${SECRET_MASK}`);
    expect(within(panel).getByRole('row', { name: /DATABASE_URL/ }).textContent).toContain(
      'postgres://shop@db:5432/shop_dev',
    );
    expect(panel.textContent).toContain('shop-api-1');
  });

  it("shows the last health check's output and the restarts of a crash loop", () => {
    if (!api) throw new Error('fixture');
    const sick = {
      ...api,
      lastHealthCheck: { exitCode: 1, output: 'wget: server returned error: 503', at: '' },
      restartCount: 4,
    };
    render(<ServiceDetails service={sick} actions={actions()} busy={false} onClose={vi.fn()} />);
    const panel = screen.getByRole('complementary', { name: 'Service api details' });
    expect(panel.textContent).toContain('Last checkexit 1: wget: server returned error: 503');
    expect(panel.textContent).toContain('Restarts4');
  });

  it('shows the CPU and memory sampled for its containers', () => {
    if (!api) throw new Error('fixture');
    const stats = [
      {
        service: 'api',
        container: 'shop-api-1',
        cpuPercent: 12.345,
        memoryBytes: 50 * 1024 ** 2,
        memoryLimitBytes: 2 * 1024 ** 3,
      },
    ];
    render(
      <ServiceDetails
        service={api}
        actions={actions()}
        busy={false}
        onClose={vi.fn()}
        stats={stats}
      />,
    );
    const panel = screen.getByRole('complementary', { name: 'Service api details' });
    expect(panel.textContent).toContain('CPU, memory12.3 %, 50.0 MiB of 2.0 GiB');
  });

  it('lists mounts and dependencies', () => {
    if (!worker) throw new Error('fixture');
    render(<ServiceDetails service={worker} actions={actions()} busy={false} onClose={vi.fn()} />);
    const panel = screen.getByRole('complementary', { name: 'Service worker details' });
    expect(panel.textContent).toContain('worker-data → /data');
    expect(panel.textContent).toContain('api (service_healthy)');
  });

  it('starts, stops, restarts and opens logs; Start waits while it runs', () => {
    if (!api) throw new Error('fixture');
    const handlers = actions();
    render(<ServiceDetails service={api} actions={handlers} busy={false} onClose={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Start api' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Stop api' }));
    fireEvent.click(screen.getByRole('button', { name: 'Restart api' }));
    fireEvent.click(screen.getByRole('button', { name: 'Logs of api' }));
    expect(handlers.stop).toHaveBeenCalledWith('api');
    expect(handlers.restart).toHaveBeenCalledWith('api');
    expect(handlers.logs).toHaveBeenCalledWith('api');
  });

  it('offers Start for a service not created yet, and nothing while busy', () => {
    const [stopped] = shopServices(false);
    if (!stopped) throw new Error('fixture');
    const handlers = actions();
    const { rerender } = render(
      <ServiceDetails service={stopped} actions={handlers} busy={false} onClose={vi.fn()} />,
    );
    expect(screen.getByRole('button', { name: 'Stop api' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Restart api' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Start api' }));
    expect(handlers.start).toHaveBeenCalledWith('api');
    rerender(<ServiceDetails service={stopped} actions={handlers} busy onClose={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Start api' })).toHaveProperty('disabled', true);
  });

  it('removes the stopped containers of a service once the user confirms, never a running one', () => {
    if (!api) throw new Error('fixture');
    const handlers = actions();
    const { rerender } = render(
      <ServiceDetails service={api} actions={handlers} busy={false} onClose={vi.fn()} />,
    );
    expect(screen.getByRole('button', { name: 'Remove api' })).toHaveProperty('disabled', true);
    const stopped = {
      ...api,
      containers: api.containers.map((c) => ({
        ...c,
        state: 'exited' as const,
        status: 'Exited (0)',
      })),
    };
    rerender(
      <ServiceDetails service={stopped} actions={handlers} busy={false} onClose={vi.fn()} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove api' }));
    const confirm = screen.getByRole('group', { name: 'Confirm removing api' });
    expect(confirm.textContent).toContain('Remove its container? Named volumes are kept.');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(handlers.remove).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Remove api' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove its container of api' }));
    expect(handlers.remove).toHaveBeenCalledWith('api');
  });

  it('scales a service to the number typed, and only to a valid new one', () => {
    if (!api) throw new Error('fixture');
    const handlers = actions();
    render(<ServiceDetails service={api} actions={handlers} busy={false} onClose={vi.fn()} />);
    const replicas = screen.getByRole('spinbutton', { name: 'Replicas of api' });
    const scale = screen.getByRole('button', { name: 'Scale api' });
    expect(replicas).toHaveProperty('value', '1');
    expect(scale).toHaveProperty('disabled', true);
    fireEvent.change(replicas, { target: { value: '-2' } });
    expect(scale).toHaveProperty('disabled', true);
    fireEvent.change(replicas, { target: { value: '3' } });
    fireEvent.click(scale);
    expect(handlers.scale).toHaveBeenCalledWith('api', 3);
  });
});
