import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProjectSummary } from '../../../shared/projects';
import { fakeConnection } from '../testing/fake-connection';
import { summary } from '../testing/fixtures';
import { useProjects } from './use-projects';

const pending = summary({ driftPending: true });
const counted = summary({ driftCount: 3 });

describe('useProjects', () => {
  it('shows the list with its pending count, then the count pushed after it', async () => {
    const fake = fakeConnection({ 'projects.list': () => [pending] });
    const { result } = renderHook(() => useProjects(fake.connection));
    await waitFor(() => expect(result.current.projects).toEqual([pending]));
    act(() => fake.emit('project.changed', counted));
    expect(result.current.projects).toEqual([counted]);
  });

  it('keeps a count pushed while the list was still on its way', async () => {
    let answer: (list: ProjectSummary[]) => void = () => undefined;
    const fake = fakeConnection({
      'projects.list': () => new Promise<ProjectSummary[]>((resolve) => (answer = resolve)),
    });
    const { result } = renderHook(() => useProjects(fake.connection));
    await waitFor(() => expect(fake.callsOf('projects.list')).toHaveLength(1));
    act(() => fake.emit('project.changed', counted));
    expect(result.current.projects).toBeNull();
    await act(() => {
      answer([pending]);
      return Promise.resolve();
    });
    expect(result.current.projects).toEqual([counted]);
  });
});
