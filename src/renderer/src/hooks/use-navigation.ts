import { useEffect, useState } from 'react';
import { NavigationSchema, type Navigation } from '../../../shared/api/event-contract';
import type { Connection } from '../api/connect-api';

/** Where the desktop app asked the window to go; `count` tells one request from the next. */
export interface NavigationRequest extends Navigation {
  count: number;
}

/**
 * A project's tab the desktop app asked for: in the address of a window it opened for it
 * (#project=…&view=…), then as navigate events. A browser tab never gets either.
 */
export function useNavigation(connection: Connection): NavigationRequest | null {
  const [request, setRequest] = useState<NavigationRequest | null>(fromAddress);
  useEffect(
    () =>
      connection.events.on('navigate', (target) =>
        setRequest((last) => ({ ...target, count: (last?.count ?? 0) + 1 })),
      ),
    [connection],
  );
  return request;
}

function fromAddress(): NavigationRequest | null {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const parsed = NavigationSchema.safeParse({
    project: params.get('project'),
    view: params.get('view'),
  });
  return parsed.success ? { ...parsed.data, count: 0 } : null;
}
