import type { TrayProject, TrayState } from './tray-state';
import {
  hasTrouble,
  isActive,
  isCallingProduction,
  menuText,
  projectLabel,
  projectStatusLine,
} from './tray-summary';

/** What clicking a tray menu item asks for; tray.ts hands it to the app's handler. */
export type TrayAction =
  | { kind: 'stack.up'; project: string }
  | { kind: 'stack.stop'; project: string }
  | { kind: 'stack.restart'; project: string }
  | { kind: 'action.run'; project: string; action: string; confirm: boolean }
  | { kind: 'open'; project: string; view: 'graph' | 'logs' | 'drift' }
  | { kind: 'window' }
  | { kind: 'stop-all' }
  | { kind: 'settings' }
  | { kind: 'quit' };

/** A serializable menu item: Electron's template shape, with an action instead of `click`. */
export type TrayMenuItem =
  | { type: 'normal'; label: string; enabled: boolean; action?: TrayAction }
  | { type: 'separator' }
  | { type: 'submenu'; label: string; enabled: boolean; submenu: TrayMenuItem[] };

/** Past this many projects the menu lists the active and troubled ones first, then stops. */
export const MAX_TRAY_PROJECTS = 25;

/** The tray menu for `state`: one submenu per project, then Stop all, Settings and Quit. */
export function trayMenu(state: TrayState): TrayMenuItem[] {
  const engineUp = state.engine.reachable;
  const items: TrayMenuItem[] = [];
  if (!engineUp) {
    items.push(info('Docker engine not reachable: start Docker, or change the engine in Settings'));
  }
  if (state.projects.length === 0) {
    items.push(info('No projects yet'), item('Add a project in Parity…', { kind: 'window' }));
  } else {
    const shown = projectsToShow(state.projects);
    items.push(...shown.map((project) => projectMenu(project, engineUp)));
    const hidden = state.projects.length - shown.length;
    if (hidden > 0) items.push(item(`${hidden} more in Parity…`, { kind: 'window' }));
  }
  items.push(
    SEPARATOR,
    item('Open Parity', { kind: 'window' }),
    item('Stop all', { kind: 'stop-all' }, engineUp && state.projects.some(isStoppable)),
    item('Settings…', { kind: 'settings' }),
    SEPARATOR,
    item('Quit Parity', { kind: 'quit' }),
  );
  return items;
}

function projectMenu(project: TrayProject, engineUp: boolean): TrayMenuItem {
  const { id, state } = project;
  const runnable = engineUp && state !== 'invalid' && state !== 'missing';
  const submenu: TrayMenuItem[] = [info(projectStatusLine(project))];
  const calls = project.callingProduction ?? [];
  if (calls.length > 0) {
    // The graph lists each production host with the file and line that names it.
    const more = calls.length > 3 ? ` +${calls.length - 3} more` : '';
    const hosts = menuText(`${calls.slice(0, 3).join(', ')}${more}`);
    submenu.push(
      item(`⚠ Calling production: ${hosts}`, { kind: 'open', project: id, view: 'graph' }),
    );
  }
  submenu.push(
    SEPARATOR,
    // Start is an `up`, a reconcile: it also brings a partial or failed stack back.
    item(
      'Start',
      { kind: 'stack.up', project: id },
      runnable && state !== 'running' && state !== 'starting',
    ),
    item('Stop', { kind: 'stack.stop', project: id }, engineUp && isStoppable(project)),
    item(
      'Restart',
      { kind: 'stack.restart', project: id },
      runnable && state !== 'stopped' && state !== 'starting',
    ),
    SEPARATOR,
    item('Open', { kind: 'open', project: id, view: 'graph' }),
    item('Logs', { kind: 'open', project: id, view: 'logs' }),
    item(driftLabel(project.driftCount), { kind: 'open', project: id, view: 'drift' }),
  );
  if (project.actions.length > 0) {
    // Actions run in a service's container, so something must be up.
    const canRun = runnable && (state === 'running' || state === 'partial' || state === 'failed');
    submenu.push(SEPARATOR, info('Quick actions'));
    for (const action of project.actions) {
      const confirm = action.confirm === true;
      // The ellipsis says a question comes before anything runs.
      const label = `${menuText(action.name)}${confirm ? '…' : ''}`;
      submenu.push(
        item(label, { kind: 'action.run', project: id, action: action.name, confirm }, canRun),
      );
    }
  }
  return { type: 'submenu', label: projectLabel(project), enabled: true, submenu };
}

function isStoppable(project: TrayProject): boolean {
  if (project.state === 'starting' || project.state === 'running' || project.state === 'partial') {
    return true;
  }
  // A failed or invalid project may still have containers running from before.
  return project.services.running > 0;
}

function driftLabel(count: number | null): string {
  return count === null ? 'Drift' : `Drift (${count})`;
}

// Everything when it fits; else what runs, is in trouble or calls production first, each group in settings order.
function projectsToShow(projects: readonly TrayProject[]): readonly TrayProject[] {
  if (projects.length <= MAX_TRAY_PROJECTS) return projects;
  const first = projects.filter((p) => isActive(p) || hasTrouble(p) || isCallingProduction(p));
  const rest = projects.filter((p) => !first.includes(p));
  return [...first, ...rest].slice(0, MAX_TRAY_PROJECTS);
}

const SEPARATOR: TrayMenuItem = { type: 'separator' };

function info(label: string): TrayMenuItem {
  return { type: 'normal', label, enabled: false };
}

function item(label: string, action: TrayAction, enabled = true): TrayMenuItem {
  return { type: 'normal', label, enabled, action };
}
