import { crashed } from '../../../shared/exit-status';
import type { ServiceView } from '../../../shared/projects';
import type { PublishedPort, StackContainer } from '../../../shared/stacks';

/** How a service looks at a glance: drives its colour. */
export type Tone = 'ok' | 'busy' | 'bad' | 'idle';

/** A service's state as the graph and the details panel show it. */
export interface ServiceStatus {
  /** running, exited, created, restarting, paused, dead, or "not created" before the first up. */
  state: string;
  /** healthy, unhealthy or starting; null without a health check or when not running. */
  health: string | null;
  tone: Tone;
  /** Containers running, of those that exist. */
  running: number;
  total: number;
}

/** The containers that make up the service (not one-off `run` containers). */
export function serviceContainers(service: ServiceView): StackContainer[] {
  return service.containers.filter((c) => !c.oneoff);
}

/** The state of a service, by its worst container. */
export function serviceStatus(service: ServiceView): ServiceStatus {
  const containers = serviceContainers(service);
  const running = containers.filter((c) => c.state === 'running');
  if (containers.length === 0) {
    return { state: 'not created', health: null, tone: 'idle', running: 0, total: 0 };
  }
  const counts = { running: running.length, total: containers.length };
  const health = worstHealth(running);
  if (running.length > 0) {
    const tone: Tone = health === 'unhealthy' ? 'bad' : health === 'starting' ? 'busy' : 'ok';
    return { state: 'running', health, tone, ...counts };
  }
  const restarting = containers.find((c) => c.state === 'restarting');
  if (restarting) return { state: 'restarting', health: null, tone: 'bad', ...counts };
  const first = containers[0] as StackContainer;
  const tone: Tone = crashed(first)
    ? 'bad'
    : first.state === 'created' || first.state === 'removing'
      ? 'busy'
      : 'idle';
  return { state: first.state, health: null, tone, ...counts };
}

function worstHealth(running: readonly StackContainer[]): string | null {
  for (const health of ['unhealthy', 'starting', 'healthy'] as const) {
    if (running.some((c) => c.health === health)) return health;
  }
  return null;
}

/** The accessible name of a service's node: "Service api, running, healthy". */
export function serviceLabel(name: string, status: ServiceStatus): string {
  return [`Service ${name}`, status.state, ...(status.health ? [status.health] : [])].join(', ');
}

/** A build context as the project's files write it: relative to the project folder. */
export function buildContext(build: string, projectDir?: string): string {
  if (!projectDir) return build;
  const base = projectDir.replace(/[\\/]+$/, '');
  if (build === base) return '.';
  const within = build.startsWith(`${base}/`) || build.startsWith(`${base}\\`);
  return within ? `./${build.slice(base.length + 1)}` : build;
}

/** The image a service runs (with its tag), or what it is built from. */
export function imageOf(service: ServiceView, projectDir?: string): string {
  const running = serviceContainers(service)[0]?.image;
  if (service.image) return service.image;
  if (running) return running;
  return service.build ? `built from ${buildContext(service.build, projectDir)}` : 'no image';
}

/** Published ports of the service's containers, once each. */
export function publishedPorts(service: ServiceView): PublishedPort[] {
  const seen = new Map<string, PublishedPort>();
  for (const container of serviceContainers(service)) {
    for (const port of container.ports) {
      seen.set(`${port.hostIp}:${port.hostPort}/${port.protocol}`, port);
    }
  }
  return [...seen.values()].sort((a, b) => a.hostPort - b.hostPort);
}

/** Where a published TCP port opens in a browser: always a loopback address. */
export function portUrl(port: PublishedPort): string {
  const wildcard = port.hostIp === '' || port.hostIp === '0.0.0.0' || port.hostIp === '::';
  const host = wildcard ? '127.0.0.1' : port.hostIp;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port.hostPort}/`;
}

/** Whether any container of the service runs. */
export function isRunning(service: ServiceView): boolean {
  return serviceContainers(service).some((c) => c.state === 'running');
}

/** Whether anything is still settling, so the view should look again soon. */
export function isSettling(services: readonly ServiceView[]): boolean {
  return services.some((s) =>
    serviceContainers(s).some(
      (c) => c.health === 'starting' || c.state === 'restarting' || c.state === 'removing',
    ),
  );
}
