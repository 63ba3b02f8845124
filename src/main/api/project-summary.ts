import type { Diagnostic } from '../../shared/diagnostics';
import type { ProjectState, ProjectSummary, ServiceCounts } from '../../shared/projects';
import { crashed, exitCodeOf } from '../../shared/exit-status';
import type { StackContainer } from '../../shared/stacks';
import type { LoadedProject } from '../config/load-project';

/** What a summary is made of: the files as read, the containers, and what Parity is doing. */
export interface SummaryInput {
  id: string;
  /** The folder's name stands in when the files could not be read. */
  project: LoadedProject | null;
  diagnostics: readonly Diagnostic[];
  containers: readonly StackContainer[];
  /** An operation (up, down, ...) is running on it. */
  busy: boolean;
  driftCount: number | null;
  /** The drift count is still being computed. */
  driftPending?: boolean;
  /** The project runs with compose.mirror.yaml (its Mirror production switch). */
  mirroring?: boolean;
}

/** A project as the sidebar and the tray show it. */
export function summarizeProject(input: SummaryInput): ProjectSummary {
  const problems = [...input.diagnostics];
  if (!input.project) {
    return {
      id: input.id,
      name: input.id.split(/[\\/]/).filter(Boolean).pop() ?? input.id,
      state: 'invalid',
      services: countServices([], input.containers),
      driftCount: null,
      actions: [],
      problems,
    };
  }
  const services = countServices(Object.keys(input.project.model.services), input.containers);
  return {
    id: input.id,
    name: input.project.name,
    state: input.busy ? 'starting' : stateOf(services),
    services,
    driftCount: input.driftCount,
    ...(input.driftPending ? { driftPending: true } : {}),
    actions: (input.project.parity?.actions ?? []).map((action) => ({
      name: action.name,
      service: action.service,
      ...(action.description === undefined ? {} : { description: action.description }),
      confirm: action.confirm === true,
    })),
    problems,
    ...(input.mirroring ? { mirroring: true } : {}),
  };
}

/** A project whose folder is gone (moved, deleted, an unmounted disk): missing, not stopped. */
export function missingProjectSummary(id: string): ProjectSummary {
  return {
    ...summarizeProject({
      id,
      project: null,
      diagnostics: [{ severity: 'error', message: `the folder ${id} is gone (moved or deleted)` }],
      containers: [],
      busy: false,
      driftCount: null,
    }),
    state: 'missing',
  };
}

// Each service counts once, by its worst container.
function countServices(
  names: readonly string[],
  containers: readonly StackContainer[],
): ServiceCounts {
  const counts: ServiceCounts = {
    total: names.length,
    running: 0,
    healthy: 0,
    unhealthy: 0,
    starting: 0,
    exited: 0,
    completed: 0,
  };
  for (const name of names) {
    const own = containers.filter((c) => c.service === name && !c.oneoff);
    if (own.length === 0) continue;
    if (own.some((c) => c.state === 'running')) counts.running++;
    if (own.some((c) => c.health === 'unhealthy')) counts.unhealthy++;
    else if (own.some((c) => c.health === 'starting' || c.state === 'restarting'))
      counts.starting++;
    else if (own.every((c) => c.state === 'running' && c.health !== 'none')) counts.healthy++;
    if (own.some(crashed) || own.some((c) => c.state === 'restarting')) counts.exited++;
    else if (own.every((c) => c.state === 'exited' && exitCodeOf(c) === 0)) counts.completed++;
  }
  return counts;
}

function stateOf(counts: ServiceCounts): ProjectState {
  if (counts.unhealthy > 0 || counts.exited > 0) return 'failed';
  if (counts.running === 0) return 'stopped';
  if (counts.starting > 0) return 'starting';
  return counts.running + counts.completed === counts.total ? 'running' : 'partial';
}
