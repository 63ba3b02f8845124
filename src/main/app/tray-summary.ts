import { callingProductionMark } from '../traces/project-calls';
import type { TrayProject, TrayState } from './tray-state';

/** Which tray icon to show: nothing running, all well, or something unhealthy or crashed. */
export type TrayIconState = 'idle' | 'healthy' | 'problem';

/** The aggregate of every project, for the icon. */
export function trayIconState(state: TrayState): TrayIconState {
  // Without the engine nothing is known to run; the menu and tooltip say why. A red icon for
  // every login before Docker Desktop has started would teach users to ignore it.
  if (!state.engine.reachable) return 'idle';
  // A laptop calling production is the worst drift of all: as loud as a crash.
  if (state.projects.some((p) => hasTrouble(p) || isCallingProduction(p))) return 'problem';
  return state.projects.some(isActive) ? 'healthy' : 'idle';
}

/** The tray's tooltip: what runs and what is wrong, in one line. */
export function trayTooltip(state: TrayState): string {
  if (!state.engine.reachable) {
    const reason = state.engine.reason ? `: ${state.engine.reason}` : '';
    return fit(`Parity — Docker engine not reachable${reason}`, TOOLTIP_LIMIT);
  }
  const active = state.projects.filter(isActive).length;
  const trouble = state.projects.filter(hasTrouble).length;
  const parts = [active === 0 ? 'nothing running' : `${active} running`];
  if (trouble > 0) parts.push(`${trouble} with problems`);
  const calling = state.projects.filter(isCallingProduction).length;
  if (calling > 0) parts.push(`${calling} calling production`);
  return fit(`Parity — ${parts.join(', ')}`, TOOLTIP_LIMIT);
}

/**
 * A project's line in the menu: `shop — running (1 unhealthy)`, `shop — running, mirroring
 * production`, `shop — running ⚠ calling production: api.example.com`.
 */
export function projectLabel(project: TrayProject): string {
  const trouble = troubleText(project);
  const state =
    project.state === 'invalid'
      ? 'config error'
      : project.state === 'missing'
        ? 'folder missing'
        : project.state;
  const mirroring = project.mirroring === true ? ', mirroring production' : '';
  const mark = callingProductionMark(project.callingProduction ?? []);
  const calling = mark ? ` ${menuText(mark)}` : '';
  return `${menuText(fit(project.name, NAME_LIMIT))} — ${state}${trouble ? ` (${trouble})` : ''}${mirroring}${calling}`;
}

/** The detail line at the top of a project's submenu: `2/3 up, 2 healthy, 1 crashed`. */
export function projectStatusLine(project: TrayProject): string {
  if (project.state === 'invalid' || project.state === 'missing') {
    const problem = project.problems?.[0]?.message ?? 'its files could not be read';
    return menuText(fit(problem, DETAIL_LIMIT));
  }
  const { total, running, healthy, starting } = project.services;
  if (total === 0) return 'no services';
  const parts = [`${running}/${total} up`];
  if (healthy > 0) parts.push(`${healthy} healthy`);
  if (starting > 0) parts.push(`${starting} starting`);
  const trouble = troubleText(project);
  if (trouble) parts.push(trouble);
  return parts.join(', ');
}

/** Something of the project is running or on its way up. */
export function isActive(project: TrayProject): boolean {
  return (
    project.state === 'starting' ||
    project.state === 'running' ||
    project.state === 'partial' ||
    project.services.running > 0
  );
}

/** Its laptop stack has called a production host in the traces' window. */
export function isCallingProduction(project: TrayProject): boolean {
  return (project.callingProduction?.length ?? 0) > 0;
}

/** A service of the project crashed or is unhealthy. */
export function hasTrouble(project: TrayProject): boolean {
  return (
    project.state === 'failed' || project.services.unhealthy > 0 || project.services.exited > 0
  );
}

/**
 * Text as a menu label shows it: Electron reads `&` as a keyboard-access marker on every
 * platform, so a project called "R&D" must be written "R&&D" to show as itself.
 */
export function menuText(text: string): string {
  return text.replace(/&/g, '&&');
}

// Windows cuts a tray tooltip at 127 characters; names and messages are kept to a menu's width.
const TOOLTIP_LIMIT = 127;
const NAME_LIMIT = 40;
const DETAIL_LIMIT = 80;

function fit(text: string, limit: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= limit ? line : `${line.slice(0, limit - 1)}…`;
}

function troubleText({ services }: TrayProject): string {
  const parts: string[] = [];
  if (services.exited > 0) parts.push(`${services.exited} crashed`);
  if (services.unhealthy > 0) parts.push(`${services.unhealthy} unhealthy`);
  return parts.join(', ');
}
