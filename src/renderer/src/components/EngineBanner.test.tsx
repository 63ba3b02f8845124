import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ConnectionBanner, EngineBanner } from './EngineBanner';

describe('EngineBanner', () => {
  it('says which engine is unreachable, why, and what to do', () => {
    render(<EngineBanner endpoint="unix:///var/run/docker.sock" reason="connection refused" />);
    const banner = screen.getByRole('alert', { name: 'Docker engine unreachable' });
    expect(banner.textContent).toContain('unix:///var/run/docker.sock: connection refused');
    expect(banner.textContent).toContain('Start Docker');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('asks again at once on Try now', () => {
    const retry = vi.fn();
    render(<EngineBanner endpoint="tcp://h:2375" reason="refused" onRetry={retry} />);
    fireEvent.click(screen.getByRole('button', { name: 'Try now' }));
    expect(retry).toHaveBeenCalledOnce();
  });
});

describe('ConnectionBanner', () => {
  it('says the core itself is gone and offers to retry', () => {
    const retry = vi.fn();
    render(<ConnectionBanner message="Lost the connection to parity serve" onRetry={retry} />);
    const banner = screen.getByRole('alert', { name: 'Parity unreachable' });
    expect(banner.textContent).toContain('Lost the connection to parity serve');
    fireEvent.click(screen.getByRole('button', { name: 'Try now' }));
    expect(retry).toHaveBeenCalledOnce();
  });
});
