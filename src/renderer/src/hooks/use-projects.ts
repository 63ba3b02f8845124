import { useCallback, useEffect, useRef, useState } from 'react';
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

type Edit = (list: ProjectSummary[]) => ProjectSummary[];

const upsert =
  (project: ProjectSummary): Edit =>
  (list) => {
    const at = list.findIndex((p) => p.id === project.id);
    if (at < 0) return [...list, project];
    return list.map((p, i) => (i === at ? project : p));
  };

const without =
  (id: string): Edit =>
  (list) =>
    list.filter((p) => p.id !== id);

/**
 * Every project from projects.list, then kept live by project.changed and project.removed.
 * `reloadKey` reloads the whole list when it changes (the engine came back).
 */
export function useProjects({ api, events }: Connection, reloadKey = 0): ProjectsState {
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Events pushed while projects.list is under way, applied on top of its answer: the list
  // answers before drift counts are known, and a count may be pushed before the list arrives.
  const early = useRef<Edit[] | null>([]);

  const apply = useCallback((edit: Edit) => {
    if (early.current) early.current.push(edit);
    else setProjects((list) => (list === null ? list : edit(list)));
  }, []);

  useEffect(() => {
    let current = true;
    early.current = [];
    api['projects.list']({}).then(
      (list) => {
        if (!current) return;
        const edits = early.current ?? [];
        early.current = null;
        setProjects(edits.reduce((merged, edit) => edit(merged), list));
        setError(null);
      },
      (failure: unknown) => {
        if (!current) return;
        early.current = null;
        setError(messageOf(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [api, reloadKey]);

  useEffect(() => {
    const offChanged = events.on('project.changed', (project) => apply(upsert(project)));
    const offRemoved = events.on('project.removed', ({ id }) => apply(without(id)));
    return () => {
      offChanged();
      offRemoved();
    };
  }, [events, apply]);

  const add = useCallback(
    async (directory: string) => {
      const project = await api['projects.add']({ directory });
      setProjects((list) => upsert(project)(list ?? []));
      return project;
    },
    [api],
  );

  const remove = useCallback(
    async (id: string) => {
      await api['projects.remove']({ project: id });
      setProjects((list) => (list === null ? list : without(id)(list)));
    },
    [api],
  );

  return { projects, error, add, remove };
}
