import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../api/connect-api';
import { fakeConnection } from '../testing/fake-connection';
import { useServiceStats } from './use-service-stats';

function Probe({ service, connection }: { service: string | null; connection: Connection }) {
  const stats = useServiceStats(connection, '/p/shop', service);
  return <p>{stats === null ? 'none' : stats.map((s) => s.container).join(',')}</p>;
}

const sample = (service: string) => ({
  service,
  container: `shop-${service}-1`,
  cpuPercent: 1,
  memoryBytes: 1,
  memoryLimitBytes: 2,
});

describe('useServiceStats', () => {
  it("samples the selected service's containers only, and nothing with no selection", async () => {
    const fake = fakeConnection({ 'stats.get': () => [sample('api'), sample('web')] });
    const { rerender } = render(<Probe service="api" connection={fake.connection} />);
    expect((await screen.findByText('shop-api-1')).textContent).toBe('shop-api-1');
    rerender(<Probe service="web" connection={fake.connection} />);
    expect((await screen.findByText('shop-web-1')).textContent).toBe('shop-web-1');
    rerender(<Probe service={null} connection={fake.connection} />);
    expect(screen.getByText('none')).toBeTruthy();
    expect(fake.callsOf('stats.get')[0]).toEqual({ project: '/p/shop' });
  });
});
