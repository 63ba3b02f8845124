import { useCallback, useEffect, useState } from 'react';
import type { ProjectSummary } from '../../../shared/projects';
import type { Connection } from '../api/connect-api';
import { messageOf } from '../lib/errors';

/** The sidebar's projects, live. */
export interface ProjectsState {
  /** null until the first answer. */
  projects: ProjectSummary[] | null;
  error: string | null;
  /** Adds a folder; rejects with the core's error (NotAProjectError ...). */
  add: (directory: string) => Promise<ProjectSummary>;
  /** Forgets a project; its containers and volumes stay. */
  remove: (id: string) => Promise<void>;
}

function upsert(list: ProjectSummary[] | null, project: ProjectSummary): ProjectSummary[] | null {
  if (list === null) return list;
  const at = list.findIndex((p) => p.id === project.id);
  if (at < 0) return [...list, project];
  return list.map((p, i) => (i === at ? project : p));
}

/**
 * Every project from projects.list, then kept live by project.changed and project.removed.
 * `reloadKey` reloads the whole list when it changes (the engine came back).
 */
export function useProjects({ api, events }: Connection, reloadKey = 0): ProjectsState {
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api['projects.list']({}).then(
      (list) => {
        if (!current) return;
        setProjects(list);
        setError(null);
      },
      (failure: unknown) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [api, reloadKey]);

  useEffect(() => {
    const offChanged = events.on('project.changed', (project) =>
      setProjects((list) => upsert(list, project)),
    );
    const offRemoved = events.on('project.removed', ({ id }) =>
      setProjects((list) => list?.filter((p) => p.id !== id) ?? null),
    );
    return () => {
      offChanged();
      offRemoved();
    };
  }, [events]);

  const add = useCallback(
    async (directory: string) => {
      const project = await api['projects.add']({ directory });
      setProjects((list) => upsert(list ?? [], project));
      return project;
    },
    [api],
  );

  const remove = useCallback(
    async (id: string) => {
      await api['projects.remove']({ project: id });
      setProjects((list) => list?.filter((p) => p.id !== id) ?? null);
    },
    [api],
  );

  return { projects, error, add, remove };
}
