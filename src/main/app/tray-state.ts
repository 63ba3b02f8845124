// What the tray shows, as plain data: the menu, the icon and the tooltip are pure functions of
// it (tray-menu.ts, tray-summary.ts), so they are unit-tested without Electron. The shapes are
// structural subsets of the API's EngineStatus and ProjectSummary, which can be passed as is.

/** A project's state as one word (the API's ProjectState). */
export type TrayProjectState =
  'stopped' | 'starting' | 'running' | 'partial' | 'failed' | 'invalid' | 'missing';

/** How many of a project's services are in each condition (the API's ServiceCounts). */
export interface TrayServiceCounts {
  total: number;
  running: number;
  healthy: number;
  unhealthy: number;
  starting: number;
  /** Crashed: exited with an error, or restarting in a loop. */
  exited: number;
}

/** A quick action from parity.yaml. */
export interface TrayQuickAction {
  name: string;
  /** Ask before running it. */
  confirm?: boolean;
}

/** One project as the tray lists it. */
export interface TrayProject {
  /** The project folder: the id every request names it by. */
  id: string;
  name: string;
  state: TrayProjectState;
  services: TrayServiceCounts;
  /** Drift items at warning or error; null when not known (no production source yet). */
  driftCount: number | null;
  actions: readonly TrayQuickAction[];
  /** Problems in its files; the first one is shown for an invalid project. */
  problems?: readonly { message: string }[];
  /** Its Mirror production switch is on. */
  mirroring?: boolean;
  /**
   * Production hosts its laptop stack has called in the traces' window (traces.edges' outside
   * calls that production names); absent or empty when none.
   */
  callingProduction?: readonly string[];
}

/** Whether the Docker engine answers, and why not. */
export interface TrayEngine {
  reachable: boolean;
  reason?: string;
}

/** Everything the tray shows. */
export interface TrayState {
  engine: TrayEngine;
  /** In the order of the settings' project list. */
  projects: readonly TrayProject[];
}

/** The state before the first answer from the API: nothing known to run. */
export const INITIAL_TRAY_STATE: TrayState = { engine: { reachable: true }, projects: [] };

/** `state` with one project added or replaced in place (a project.changed event). */
export function withProject(state: TrayState, project: TrayProject): TrayState {
  const index = state.projects.findIndex((p) => p.id === project.id);
  // A project summary knows nothing of traces: the calls seen so far stay until traces say.
  const calls = state.projects[index]?.callingProduction;
  const next =
    project.callingProduction || !calls ? project : { ...project, callingProduction: calls };
  const projects =
    index === -1
      ? [...state.projects, next]
      : state.projects.map((p, i) => (i === index ? next : p));
  return { ...state, projects };
}

/** `state` with the production hosts a project calls (from traces.edges); unchanged when the same. */
export function withCallingProduction(
  state: TrayState,
  id: string,
  hosts: readonly string[],
): TrayState {
  const known = state.projects.find((p) => p.id === id);
  if (!known || (known.callingProduction ?? []).join('\n') === hosts.join('\n')) return state;
  return {
    ...state,
    projects: state.projects.map((p) => (p.id === id ? { ...p, callingProduction: hosts } : p)),
  };
}

/** `state` without a project (a project.removed event). */
export function withoutProject(state: TrayState, id: string): TrayState {
  return { ...state, projects: state.projects.filter((p) => p.id !== id) };
}

/** `state` with the engine's reachability (an engine.status event). */
export function withEngine(state: TrayState, engine: TrayEngine): TrayState {
  // Only what the tray shows: EngineStatus also carries the endpoint and version.
  const next: TrayEngine = engine.reachable
    ? { reachable: true }
    : { reachable: false, ...(engine.reason === undefined ? {} : { reason: engine.reason }) };
  return { ...state, engine: next };
}
