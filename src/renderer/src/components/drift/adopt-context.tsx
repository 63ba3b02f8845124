import { createContext, type ReactNode } from 'react';
import type { Connection } from '../../api/connect-api';

/** What Adopt needs from the Drift tab: the project, the core, and how to show the result. */
export interface AdoptScope {
  connection: Connection;
  project: string;
  /** Reads the drift again once a value was written. */
  onAdopted: () => Promise<void>;
}

// A context rather than props: the findings tables are nested (by service, by root cause)
// and Adopt is offered only where the report is against production.
/** The Drift tab's Adopt scope; null where adopting does not apply. */
export const AdoptContext = createContext<AdoptScope | null>(null);

/** `view` with Adopt offered in its findings tables (`scope` null: not offered). */
export function withAdopt(scope: AdoptScope | null, view: ReactNode) {
  return <AdoptContext.Provider value={scope}>{view}</AdoptContext.Provider>;
}
