import type { ObservedCalls } from '../../shared/traces';
import { productionHostsCalled } from '../traces/project-calls';

/** What the tray's trace refresher reads and where it puts what it found. */
export interface TrayCallsDeps {
  /** The projects to ask about (those whose files load). */
  projectIds: () => readonly string[];
  /** traces.edges for one project. */
  edges: (id: string) => Promise<Pick<ObservedCalls, 'outside'>>;
  /** The production hosts a project calls now (empty: none). */
  apply: (id: string, hosts: string[]) => void;
}

/**
 * The refresh the tray runs on traces.changed: every project's production calls from
 * traces.edges, one pass at a time. traces.changed comes up to twice a second and each answer
 * reads a project, so a refresh asked for during a pass becomes one more pass after it, never
 * a pile of concurrent ones. A project whose edges cannot be read keeps what it showed.
 */
export function trayCallsRefresher(deps: TrayCallsDeps): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const pass = async (): Promise<void> => {
    for (const id of deps.projectIds()) {
      const hosts = await deps.edges(id).then(
        (calls) => productionHostsCalled(calls.outside),
        () => null,
      );
      if (hosts) deps.apply(id, hosts);
    }
  };
  const refresh = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = pass().finally(() => {
      running = null;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return running;
  };
  return refresh;
}
