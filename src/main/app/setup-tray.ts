import { app, Notification } from 'electron';
import type { Navigation } from '../../shared/api/event-contract';
import type { Stack } from '../../shared/stacks';
import type { ParityApi } from '../api/create-api';
import { untrustedSummary } from '../trust/untrusted-summary';
import { setupNotifications } from './notifications';
import { confirmWithDialog, createTray } from './tray';
import { runTrayAction } from './tray-actions';
import { isCallingProduction } from './tray-summary';
import { trayCallsRefresher } from './tray-traces';
import { setPublishedPorts } from './windows';
import {
  INITIAL_TRAY_STATE,
  withCallingProduction,
  withEngine,
  withoutProject,
  withProject,
  type TrayState,
} from './tray-state';

/**
 * The tray and the crash notifications, kept current by the API's own events: the main process
 * is one more session of the API, like a window.
 */
export async function setupTray(
  api: ParityApi,
  showWindow: (target?: Navigation) => void,
  projectIds: () => ReadonlySet<string>,
): Promise<void> {
  let state: TrayState = INITIAL_TRAY_STATE;
  const report = (title: string, body: string): void => new Notification({ title, body }).show();
  // An open window is told where to go; a new one reads it from its address.
  const open = (target?: Navigation): void => {
    showWindow(target);
    if (target) api.sessions.broadcast({ event: 'navigate', payload: target });
  };
  const notify = setupNotifications(
    (notice) => open({ project: notice.project, view: 'logs' }),
    projectIds,
  );

  // Each change re-reads the stacks: for crash notifications, and the ports links may open.
  const refreshNotifications = (): void =>
    void api.handlers['stacks.list']({}, session).then(
      (list) => {
        notify(list);
        if (list.engine === 'reachable') setPublishedPorts(publishedPortsOf(list.stacks));
      },
      () => undefined,
    );

  // A project whose laptop stack calls a production host is marked (tray-summary.ts).
  const refreshCalls = trayCallsRefresher({
    projectIds: () =>
      state.projects.filter((p) => p.state !== 'invalid' && p.state !== 'missing').map((p) => p.id),
    edges: (project) => api.handlers['traces.edges']({ project }, session),
    apply: (id, hosts) => {
      const next = withCallingProduction(state, id, hosts);
      if (next === state) return;
      state = next;
      tray.refresh(state);
    },
  });

  // Calls leaving the traces' window send no event: a mark is checked again each minute.
  setInterval(() => {
    if (state.projects.some(isCallingProduction)) void refreshCalls();
  }, 60_000).unref();

  const { session } = api.sessions.open((event) => {
    if (event.event === 'traces.changed') return void refreshCalls();
    if (event.event === 'project.changed') state = withProject(state, event.payload);
    else if (event.event === 'project.removed') state = withoutProject(state, event.payload.id);
    else if (event.event === 'engine.status') state = withEngine(state, event.payload);
    else return;
    tray.refresh(state);
    refreshNotifications();
  });
  const tray = createTray(
    (action) =>
      void runTrayAction(action, {
        state: () => state,
        // The tray cannot show what a stack asks: it says so; the window's Start asks.
        start: (project) =>
          api.handlers['stack.up']({ project }, session).then(({ needsTrust }) => {
            if (needsTrust) throw new Error(untrustedSummary(needsTrust));
          }),
        stop: (project) => api.handlers['stack.stop']({ project }, session),
        restart: (project) => api.handlers['stack.restart']({ project }, session),
        runAction: (project, name, confirm) =>
          api.handlers['actions.run'](
            { project, action: name, ...(confirm ? { confirm } : {}) },
            session,
          ),
        openWindow: open,
        openSettings: () => showWindow(),
        quit: () => app.quit(),
        confirm: confirmWithDialog,
        report,
      }),
  );
  // Both read at once, each shown when it comes: the engine probe gives up after a few seconds,
  // and the project list (the containers of each) must not wait for it.
  await Promise.all([
    api.handlers['engine.status']({}, session).then((status) => {
      state = withEngine(state, status);
      tray.refresh(state);
    }),
    api.handlers['projects.list']({}, session).then((projects) => {
      for (const project of projects) state = withProject(state, project);
      tray.refresh(state);
      refreshNotifications();
      void refreshCalls();
    }),
  ]);
}

function publishedPortsOf(stacks: readonly Stack[]): Set<number> {
  return new Set(
    stacks.flatMap((stack) => stack.containers.flatMap((c) => c.ports.map((p) => p.hostPort))),
  );
}
