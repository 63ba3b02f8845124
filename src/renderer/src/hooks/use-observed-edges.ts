import { useCallback, useEffect, useRef, useState } from 'react';
import type { ObservedCalls } from '../../../shared/traces';
import type { Connection } from '../api/connect-api';
import { messageOf } from '../lib/errors';

/** One project's observed calls, kept fresh, and a way to forget them. */
export interface ObservedEdgesState {
  calls: ObservedCalls | null;
  error: string | null;
  reset: () => void;
}

/** traces.changed events within this window become one traces.edges request. */
export const OBSERVED_COALESCE_MS = 200;

/**
 * traces.edges for one project, asked again (coalesced) on every traces.changed event. A core
 * that does not answer leaves the graph as it was, with the reason in `error`.
 */
export function useObservedEdges({ api, events }: Connection, project: string): ObservedEdgesState {
  const [calls, setCalls] = useState<ObservedCalls | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sequence = useRef(0);

  const reload = useCallback(() => {
    const ask = ++sequence.current;
    api['traces.edges']({ project }).then(
      (next) => {
        if (ask !== sequence.current) return;
        setCalls(next);
        setError(null);
      },
      (failure: unknown) => ask === sequence.current && setError(messageOf(failure)),
    );
  }, [api, project]);

  useEffect(() => {
    reload();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = events.on('traces.changed', () => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        reload();
      }, OBSERVED_COALESCE_MS);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [events, reload]);

  const reset = useCallback(() => {
    api['traces.reset']({}).then(reload, (failure: unknown) => setError(messageOf(failure)));
  }, [api, reload]);

  return { calls, error, reset };
}
