import type { LoadedProject } from '../config/load-project';
import { COMPOSE_LABEL } from '../engine/compose-labels';
import { ContainerEvents } from '../engine/container-events';
import type { DockerEngine } from '../engine/docker-engine';
import { followProjectLogs } from '../engine/logs/follow-logs';
import { dateToTimestamp } from '../engine/logs/timestamps';
import { stopServices } from '../engine/service-control';
import type { CliIo } from './command';
import { logPrinter, shouldColor } from './log-colors';

/**
 * `up` without -d, as `docker compose up`: prints the services' output from when `up` began,
 * until every container of them has stopped or the user presses Ctrl+C, which stops the
 * services (a second Ctrl+C leaves them as they are and exits at once).
 */
export async function attachToServices(
  engine: DockerEngine,
  project: LoadedProject,
  services: readonly string[],
  since: Date,
  io: CliIo,
): Promise<void> {
  const names = Object.keys(project.model.services);
  const shown = services.length > 0 ? services : names;
  const print = logPrinter({
    project: project.name,
    services: names,
    color: shouldColor(io.env, process.stdout.isTTY, false),
    timestamps: false,
    width: Math.max(0, ...shown.map((name) => `${name}-1`.length)),
  });
  const events = await ContainerEvents.open(engine, project.name);
  const logs = await followProjectLogs(engine, project.name, {
    services,
    follow: true,
    since: dateToTimestamp(since),
    onBatch: (batch) => io.out(print(batch.lines)),
    onError: (error) => io.err(`parity: ${error.message}\n`),
  });
  // The engine may still list a container as running just after its die event: those seen
  // dying (and not started again since) count as stopped.
  const died = new Set<string>();
  const stillRunning = async (): Promise<boolean> =>
    (await engine.listProjectContainers(project.name)).some(
      (c) =>
        !died.has(c.Id) &&
        c.State === 'running' &&
        shown.includes(c.Labels[COMPOSE_LABEL.service] ?? ''),
    );

  let stopping = false;
  let stopped: Promise<void> = Promise.resolve();
  let finish: () => void = () => undefined;
  const interrupt = (): void => {
    if (stopping) process.exit(130);
    stopping = true;
    io.err('Stopping the services… (Ctrl+C again leaves them running)\n');
    stopped = stopServices(engine, project.name, { services: shown }).catch(() => undefined);
    void stopped.then(finish);
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    await new Promise<void>((resolve) => {
      finish = resolve;
      // Each container that dies may have been the last one running.
      const check = (): void =>
        void stillRunning().then(
          (running) => running || resolve(),
          () => resolve(),
        );
      events.onAny((event) => {
        if (event.action === 'start') died.delete(event.containerId);
        if (event.action !== 'die' || stopping) return;
        died.add(event.containerId);
        check();
      });
      check();
    });
    await stopped;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await logs.stop();
    events.close();
  }
}
