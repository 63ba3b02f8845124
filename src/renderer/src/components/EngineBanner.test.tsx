import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EngineBanner } from './EngineBanner';

describe('EngineBanner', () => {
  it('says which engine is unreachable, why, and what to do', () => {
    render(<EngineBanner endpoint="unix:///var/run/docker.sock" reason="connection refused" />);
    const banner = screen.getByRole('alert', { name: 'Docker engine unreachable' });
    expect(banner.textContent).toContain('unix:///var/run/docker.sock: connection refused');
    expect(banner.textContent).toContain('Start Docker');
  });
});
