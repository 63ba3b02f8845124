import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PortLink } from './PortLink';

describe('PortLink', () => {
  it('links TCP ports and only names UDP ones', () => {
    render(
      <>
        <PortLink
          port={{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' }}
        />
        <PortLink
          port={{ hostIp: '127.0.0.1', hostPort: 5353, containerPort: 53, protocol: 'udp' }}
        />
      </>,
    );
    expect(screen.getByRole('link', { name: '8080→80' }).getAttribute('href')).toBe(
      'http://127.0.0.1:8080/',
    );
    expect(screen.getAllByRole('link')).toHaveLength(1);
    expect(screen.getByText('5353→53/udp')).toBeTruthy();
  });
});
