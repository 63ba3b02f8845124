import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProjectDetail } from '../../../shared/projects';
import type { Connection } from '../api/connect-api';
import { messageOf } from '../lib/errors';
import { isSettling } from '../lib/service-status';

/** One project's services, kept fresh. */
export interface ProjectDetailState {
  detail: ProjectDetail | null;
  error: string | null;
  reload: () => void;
}

/** Events within this window become one projects.get. */
export const DETAIL_COALESCE_MS = 120;
/** While a health check or a restart is pending, look again this often. */
export const SETTLING_POLL_MS = 1500;

/**
 * projects.get for one project, asked again (coalesced) whenever a project.changed or progress
 * event names it, so the graph follows an action within a fraction of a second. While some
 * container is still starting it also looks again every so often: health turns from starting to
 * healthy without an operation to report it.
 */
export function useProjectDetail(
  { api, events }: Connection,
  project: string,
  reloadKey = 0,
): ProjectDetailState {
  const [detail, setDetail] = useState<ProjectDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sequence = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reload = useCallback(() => {
    const ask = ++sequence.current;
    api['projects.get']({ project }).then(
      (next) => {
        if (ask !== sequence.current) return;
        setDetail(next);
        setError(null);
      },
      (failure: unknown) => ask === sequence.current && setError(messageOf(failure)),
    );
  }, [api, project]);

  useEffect(() => {
    reload();
  }, [reload, reloadKey]);

  useEffect(() => {
    const schedule = (): void => {
      if (timer.current !== null) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        reload();
      }, DETAIL_COALESCE_MS);
    };
    const offChanged = events.on('project.changed', (p) => p.id === project && schedule());
    const offProgress = events.on('progress', (p) => p.project === project && schedule());
    return () => {
      offChanged();
      offProgress();
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [events, project, reload]);

  const settling =
    detail !== null && (detail.summary.state === 'starting' || isSettling(detail.services));
  useEffect(() => {
    if (!settling) return undefined;
    const poll = setTimeout(reload, SETTLING_POLL_MS);
    return () => clearTimeout(poll);
  }, [settling, detail, reload]);

  return { detail, error, reload };
}
