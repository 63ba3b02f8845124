import { useCallback, useEffect, useRef, useState } from 'react';
import type { DriftResult, DriftTarget } from '../../../../shared/api/contract';
import type { Connection } from '../../api/connect-api';

/** The drift of a project as the view shows it. */
export interface DriftState {
  /** The last answer of drift.get for this project; null until the first one. */
  result: DriftResult | null;
  /** Why the last request failed, if it did (the last result, if any, stays shown). */
  error: string | null;
  /** Asks again; resolves once the new answer is shown. */
  refresh: () => Promise<void>;
}

/**
 * Loads drift.get for the project against production, the running containers or parity.lock,
 * and again whenever the core says the project's drift changed (its files changed, or a
 * finding was accepted); against the running containers, also whenever the project's
 * containers change. Answers that come back out of order are dropped: the view shows the
 * answer to the latest request.
 */
export function useDrift(
  connection: Connection,
  project: string,
  against: DriftTarget = 'production',
): DriftState {
  const key = `${against}\n${project}`;
  const [state, setState] = useState<{
    key: string;
    result: DriftResult | null;
    error: string | null;
  }>({ key, result: null, error: null });
  const latest = useRef(0);

  const load = useCallback((): Promise<void> => {
    const request = ++latest.current;
    const asked = `${against}\n${project}`;
    return connection.api['drift.get']({ project, against }).then(
      (result) => {
        if (request === latest.current) setState({ key: asked, result, error: null });
      },
      (failure: unknown) => {
        if (request !== latest.current) return;
        const error = failure instanceof Error ? failure.message : String(failure);
        setState((current) => ({
          key: asked,
          result: current.key === asked ? current.result : null,
          error,
        }));
      },
    );
  }, [connection, project, against]);

  useEffect(() => {
    const requests = latest;
    void load();
    const offDrift = connection.events.on('drift.changed', (event) => {
      if (event.project === project) void load();
    });
    // The running containers change without the files: follow the project's changes too.
    const offContainers =
      against === 'runtime'
        ? connection.events.on('project.changed', (event) => {
            if (event.id === project) void load();
          })
        : () => undefined;
    return () => {
      offDrift();
      offContainers();
      // Answers to requests made for this project (and comparison) no longer apply.
      requests.current++;
    };
  }, [connection, project, against, load]);

  const current = state.key === key;
  return {
    result: current ? state.result : null,
    error: current ? state.error : null,
    refresh: load,
  };
}
