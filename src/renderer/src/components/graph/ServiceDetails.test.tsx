import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { shopServices } from '../../testing/fixtures';
import { SECRET_MASK, ServiceDetails, type ServiceActions } from './ServiceDetails';

function actions(): ServiceActions {
  return { start: vi.fn(), stop: vi.fn(), restart: vi.fn(), logs: vi.fn() };
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
});
