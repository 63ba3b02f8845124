import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ProjectTabs } from './ProjectTabs';

function Tabs() {
  const [active, setActive] = useState<'a' | 'b' | 'c'>('a');
  return (
    <ProjectTabs
      tabs={[
        { id: 'a', label: 'Graph', keys: '1' },
        { id: 'b', label: 'Logs', keys: '2' },
        { id: 'c', label: 'Drift', keys: '3' },
      ]}
      active={active}
      onChange={setActive}
    />
  );
}

describe('ProjectTabs', () => {
  it('follows the ARIA tabs pattern', () => {
    render(<Tabs />);
    const graph = screen.getByRole('tab', { name: 'Graph' });
    expect(graph.getAttribute('aria-selected')).toBe('true');
    expect(graph.getAttribute('aria-controls')).toBe('panel-a');
    expect(graph.getAttribute('aria-keyshortcuts')).toBe('1');
    expect(screen.getByRole('tab', { name: 'Logs' }).tabIndex).toBe(-1);
    fireEvent.keyDown(graph, { key: 'ArrowLeft' });
    const drift = screen.getByRole('tab', { name: 'Drift' });
    expect(drift.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(drift);
    fireEvent.keyDown(drift, { key: 'Home' });
    expect(graph.getAttribute('aria-selected')).toBe('true');
    fireEvent.click(screen.getByRole('tab', { name: 'Logs' }));
    expect(screen.getByRole('tab', { name: 'Logs' }).getAttribute('aria-selected')).toBe('true');
  });
});
