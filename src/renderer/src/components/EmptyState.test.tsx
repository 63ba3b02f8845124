import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NoProjects } from './EmptyState';

describe('NoProjects', () => {
  it('explains both ways to start', () => {
    render(<NoProjects />);
    const empty = screen.getByRole('region', { name: 'No projects' });
    expect(empty.textContent).toContain('compose.yaml');
    expect(empty.textContent).toContain('parity serve ~/src/my-app');
  });
});
