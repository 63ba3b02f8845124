import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../shared/api/client';
import type { StackList } from '../../shared/stacks';
import { App } from './App';

// The client is the real one; only the transport is replaced by a fixed reply.
function clientReplying(reply: unknown) {
  return createApiClient(() => Promise.resolve(reply));
}

describe('App', () => {
  it('shows the stacks the engine reports and which engine it asked', async () => {
    const list: StackList = {
      engine: 'reachable',
      endpoint: 'unix:///run/docker.sock',
      stacks: [],
    };
    render(<App api={clientReplying({ result: list })} />);
    expect(await screen.findByRole('region', { name: 'No stacks' })).toBeTruthy();
    expect(screen.getByText('Engine: unix:///run/docker.sock')).toBeTruthy();
  });

  it('shows the unreachable-engine banner', async () => {
    const list: StackList = { engine: 'unreachable', endpoint: 'tcp://h:2375', reason: 'refused' };
    render(<App api={clientReplying({ result: list })} />);
    expect(await screen.findByRole('alert', { name: 'Docker engine unreachable' })).toBeTruthy();
  });

  it('shows a transport failure as an alert', async () => {
    render(<App api={createApiClient(() => Promise.reject(new Error('Lost the connection')))} />);
    expect((await screen.findByRole('alert')).textContent).toBe('Lost the connection');
  });
});
