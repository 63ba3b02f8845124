import { crashed, exitCodeOf } from '../../shared/exit-status';
import type { StackContainer, StackList } from '../../shared/stacks';

/** What is wrong with a service, if anything. */
export type ServiceCondition = 'ok' | 'crashed' | 'restarting' | 'unhealthy';

/** One service of a running project, reduced to what notifications care about. */
export interface ServiceStatus {
  /** The project's id (its folder), for opening its logs from the notification. */
  project: string;
  projectName: string;
  service: string;
  condition: ServiceCondition;
  /** A container of it is running or restarting. */
  live: boolean;
  /** The exit code of a crashed container. */
  exitCode: number | null;
}

/** A desktop notification to show. */
export interface ServiceNotice {
  title: string;
  body: string;
  project: string;
  service: string;
}

/** What the notifier remembers between snapshots. */
export interface NotifierMemory {
  /** The previous snapshot by service; null before the first and after the engine was lost. */
  readonly last: ReadonlyMap<string, ServiceStatus> | null;
  /** Services already notified about, and since when they have looked well (null: not yet). */
  readonly alerted: ReadonlyMap<string, { wellSince: number | null }>;
}

export const EMPTY_NOTIFIER_MEMORY: NotifierMemory = { last: null, alerted: new Map() };

/**
 * A service must look well this long before a new problem of it is notified again. A crash
 * loop (up for seconds, restarting, up...) is one notification, not one per restart.
 */
export const QUIET_MS = 60_000;

/**
 * The notifications a new snapshot of the services calls for, and the memory for the next one.
 * One per service that crashed (was running, now exited with an error), keeps restarting, or
 * turned unhealthy. Not repeated while it stays so. Recovery is not notified: the tray icon
 * turns back, and a "fixed" notification for every flap would teach users to ignore them all.
 * The first snapshot, and the first after the engine comes back (`next` null while it is
 * unreachable), only set the baseline: what was already wrong then was not seen happening.
 */
export function notificationsFor(
  memory: NotifierMemory,
  next: readonly ServiceStatus[] | null,
  now: number,
): { notices: ServiceNotice[]; memory: NotifierMemory } {
  if (next === null) return { notices: [], memory: { last: null, alerted: memory.alerted } };
  const current = new Map(next.map((status) => [keyOf(status), status]));
  const alerted = new Map<string, { wellSince: number | null }>();
  const notices: ServiceNotice[] = [];
  for (const [key, status] of current) {
    const before = memory.alerted.get(key);
    if (status.condition === 'ok') {
      const wellSince = before?.wellSince ?? now;
      if (before && now - wellSince < QUIET_MS) alerted.set(key, { wellSince });
      continue;
    }
    // A crash is notified when it was seen happening, not for a service found exited.
    const seen = status.condition !== 'crashed' || memory.last?.get(key)?.live === true;
    if (!seen && !before) continue;
    alerted.set(key, { wellSince: null });
    if (!before && memory.last !== null) notices.push(noticeFor(status));
  }
  // A service that went away (its project was taken down) starts afresh.
  return { notices, memory: { last: current, alerted } };
}

/** The services of the stacks in `list`, or null when the engine could not be asked. */
export function serviceStatusesFrom(
  list: StackList,
  /** Only these project folders (Parity's projects); every stack when absent. */
  projects?: ReadonlySet<string>,
): ServiceStatus[] | null {
  if (list.engine === 'unreachable') return null;
  const statuses: ServiceStatus[] = [];
  for (const stack of list.stacks) {
    const project = stack.workingDir ?? stack.project;
    if (projects && !projects.has(project)) continue;
    const services = new Map<string, StackContainer[]>();
    for (const container of stack.containers) {
      // `docker compose run` containers come and go with their command.
      if (container.oneoff) continue;
      services.set(container.service, [...(services.get(container.service) ?? []), container]);
    }
    for (const [service, containers] of services) {
      statuses.push(statusOf(project, stack.project, service, containers));
    }
  }
  return statuses;
}

function statusOf(
  project: string,
  projectName: string,
  service: string,
  containers: readonly StackContainer[],
): ServiceStatus {
  const crashedOne = containers.find(crashed);
  const condition: ServiceCondition = containers.some((c) => c.state === 'restarting')
    ? 'restarting'
    : crashedOne
      ? 'crashed'
      : containers.some((c) => c.health === 'unhealthy')
        ? 'unhealthy'
        : 'ok';
  return {
    project,
    projectName,
    service,
    condition,
    live: containers.some((c) => c.state === 'running' || c.state === 'restarting'),
    exitCode: crashedOne ? exitCodeOf(crashedOne) : null,
  };
}

function noticeFor({
  project,
  projectName,
  service,
  condition,
  exitCode,
}: ServiceStatus): ServiceNotice {
  const where = { project, service };
  switch (condition) {
    case 'crashed':
      return {
        ...where,
        title: `${projectName}: ${service} crashed`,
        body: exitCode === null ? 'Its container died.' : `It exited with code ${exitCode}.`,
      };
    case 'restarting':
      return {
        ...where,
        title: `${projectName}: ${service} keeps restarting`,
        body: 'It exits and its restart policy starts it again.',
      };
    case 'unhealthy':
      return {
        ...where,
        title: `${projectName}: ${service} is unhealthy`,
        body: 'Its health check is failing.',
      };
    case 'ok':
      throw new Error('no notice for a service that is well');
  }
}

function keyOf({ project, service }: ServiceStatus): string {
  return `${project}\u0000${service}`;
}
