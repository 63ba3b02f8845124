import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Stack } from '../../../shared/stacks';
import { StackList } from './StackList';

const shop: Stack = {
  project: 'shop',
  workingDir: '/home/dev/shop',
  configFiles: ['compose.yaml'],
  containers: [
    {
      id: 'a1',
      name: 'shop-api-1',
      service: 'api',
      number: 1,
      oneoff: false,
      image: 'shop-api',
      state: 'running',
      status: 'Up 2 minutes (unhealthy)',
      health: 'unhealthy',
      ports: [{ hostIp: '127.0.0.1', hostPort: 18081, containerPort: 8081, protocol: 'tcp' }],
    },
    {
      id: 'w1',
      name: 'shop-worker-1',
      service: 'worker',
      number: 1,
      oneoff: false,
      image: 'busybox:1.37',
      state: 'exited',
      status: 'Exited (1) 3 seconds ago',
      health: 'none',
      ports: [],
    },
  ],
};

describe('StackList', () => {
  it('explains what to do when there are no stacks', () => {
    render(<StackList stacks={[]} />);
    expect(screen.getByRole('heading', { name: 'No Compose stacks on this engine' })).toBeTruthy();
  });

  it('shows each container of a stack with its state and health', () => {
    render(<StackList stacks={[shop]} />);
    const stack = screen.getByRole('region', { name: 'Stack shop' });
    const api = within(stack).getByRole('row', { name: /api/ });
    expect(within(api).getByText('running (unhealthy)')).toBeTruthy();
    const worker = within(stack).getByRole('row', { name: /worker/ });
    expect(within(worker).getByText('exited')).toBeTruthy();
    expect(within(worker).getByText('Exited (1) 3 seconds ago')).toBeTruthy();
  });

  it('links a published TCP port to the loopback address it is published on', () => {
    render(<StackList stacks={[shop]} />);
    const link = screen.getByRole('link', { name: '18081→8081/tcp' });
    expect(link.getAttribute('href')).toBe('http://127.0.0.1:18081/');
    expect(link.getAttribute('rel')).toBe('noreferrer');
  });
});
