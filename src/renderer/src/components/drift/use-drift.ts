import { useCallback, useEffect, useRef, useState } from 'react';
import type { DriftResult } from '../../../../shared/api/contract';
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
 * Loads drift.get for the project, and again whenever the core says the project's drift
 * changed (its files changed, or a finding was accepted). Answers that come back out of order
 * are dropped: the view shows the answer to the latest request.
 */
export function useDrift(connection: Connection, project: string): DriftState {
  const [state, setState] = useState<{
    project: string;
    result: DriftResult | null;
    error: string | null;
  }>({ project, result: null, error: null });
  const latest = useRef(0);

  const load = useCallback((): Promise<void> => {
    const request = ++latest.current;
    return connection.api['drift.get']({ project }).then(
      (result) => {
        if (request === latest.current) setState({ project, result, error: null });
      },
      (failure: unknown) => {
        if (request !== latest.current) return;
        const error = failure instanceof Error ? failure.message : String(failure);
        setState((current) => ({
          project,
          result: current.project === project ? current.result : null,
          error,
        }));
      },
    );
  }, [connection, project]);

  useEffect(() => {
    const requests = latest;
    void load();
    const off = connection.events.on('drift.changed', (event) => {
      if (event.project === project) void load();
    });
    return () => {
      off();
      // Answers to requests made for this project no longer apply.
      requests.current++;
    };
  }, [connection, project, load]);

  const current = state.project === project;
  return {
    result: current ? state.result : null,
    error: current ? state.error : null,
    refresh: load,
  };
}
