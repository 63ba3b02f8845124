import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../../shared/api/contract';
import type { StackList } from '../../../shared/stacks';

/** What the stacks view shows: the last answer, and the last transport error if any. */
export interface StackListState {
  list: StackList | null;
  error: string | null;
  refresh: () => void;
}

// Until the engine's event stream reaches the UI, the list is refreshed on this period.
const REFRESH_MS = 2000;

/** Loads the stack list and keeps it fresh. */
export function useStackList(api: ApiClient): StackListState {
  const [list, setList] = useState<StackList | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api['stacks.list']({}).then(
      (next) => {
        setList(next);
        setError(null);
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, [api]);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return { list, error, refresh };
}
