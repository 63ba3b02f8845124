import { lstat, mkdir } from 'node:fs/promises';
import type { ContainerInfo } from 'dockerode';
import type { ServiceModel } from '../../shared/model';
import type { ServiceProgress } from '../../shared/progress';
import type { LoadedProject } from '../config/load-project';
import { COMPOSE_LABEL } from './compose-labels';
import { configHash, containerSpec } from './container-spec';
import { findCycle, withDependencies } from './dependency-graph';
import { PlanError } from './plan-error';
import { assertImagePolicies, ensureImage, refreshesImage } from './ensure-image';
import { writeInlineFiles } from './inline-files';
import { ContainerEvents } from './container-events';
import type { DockerEngine } from './docker-engine';
import { progressReporter, type Report } from './progress-reporter';
import { assertNoPortConflicts } from './port-conflicts';
import { isUnchanged } from './unchanged';
import { injectTraceEnv, injectionLines } from '../traces/inject-env';
import { waitForCondition } from './wait-condition';

/** What `up` was asked to do. */
export interface UpOptions {
  /** Only these services and their dependencies; all when empty. */
  services?: readonly string[];
  /** Wait until every service is healthy (or running, without a healthcheck). */
  wait?: boolean;
  removeOrphans?: boolean;
  /** Containers per service for this up, in place of the files' replicas (`--scale`). */
  scale?: Readonly<Record<string, number>>;
  /** Seconds a replaced container gets to stop; else its stop_grace_period. */
  stopTimeoutSeconds?: number;
  onProgress?: (progress: ServiceProgress) => void;
  /** The span receiver's URL, for parity.yaml's `traces: {inject: true}`; null when none runs. */
  tracesReceiver?: string | null;
  /** Told, before anything starts, what `traces.inject` added or why it added nothing. */
  onNote?: (line: string) => void;
}

/** How each service ended. */
export interface UpResult {
  failed: { service: string; reason: string }[];
}

export { PlanError };

/**
 * Brings a project to the state its files describe: a reconcile, not a restart. Running
 * containers whose config hash matches are left alone; changed ones are recreated; missing
 * ones created. Every service starts the moment its dependencies meet their condition.
 */
export async function up(
  engine: DockerEngine,
  loaded: LoadedProject,
  options: UpOptions = {},
): Promise<UpResult> {
  const traced = injectTraceEnv(
    withScale(loaded, options.scale ?? {}),
    options.tracesReceiver ?? null,
  );
  for (const line of injectionLines(traced)) options.onNote?.(line);
  const project = traced.project;
  const report = progressReporter(options.onProgress);
  const model = project.model;
  const selected = withDependencies(model, options.services ?? []);
  const cycle = findCycle(
    new Map(selected.map((name) => [name, Object.keys(model.services[name]?.dependsOn ?? {})])),
  );
  if (cycle) throw new PlanError(`services depend on each other in a cycle: ${cycle.join(' -> ')}`);
  for (const name of selected) {
    const service = model.services[name];
    const replicas = service?.replicas?.value ?? 1;
    // The engine names containers uniquely: a fixed name fits one container, as in Compose.
    if (service?.containerName && replicas > 1) {
      throw new PlanError(
        `${name} has container_name ${service.containerName.value}, so it runs one container, not ${replicas}: remove container_name to scale it`,
      );
    }
  }

  const existing = await engine.listProjectContainers(project.name);
  for (const orphan of new Set(existing.map(serviceOf).filter((name) => !model.services[name]))) {
    report(
      orphan,
      'orphaned',
      options.removeOrphans ? 'removed' : 'not in the project files (--remove-orphans removes it)',
    );
    if (options.removeOrphans) {
      await Promise.all(
        existing.filter((c) => serviceOf(c) === orphan).map((c) => engine.removeContainer(c.Id)),
      );
    }
  }
  await assertNoPortConflicts(engine, project, selected, existing);
  await assertImagePolicies(
    engine,
    project,
    selected.flatMap((name) => model.services[name] ?? []),
  );
  await ensureNetworksAndVolumes(engine, project, selected);

  const events = await ContainerEvents.open(engine, project.name);
  try {
    const runs = new Map<string, Promise<string[]>>();
    const run = (name: string): Promise<string[]> => {
      let started = runs.get(name);
      if (!started) {
        started = bringUp(name);
        runs.set(name, started);
      }
      return started;
    };
    const bringUp = async (name: string): Promise<string[]> => {
      const service = model.services[name];
      if (!service) throw new Error(`no service "${name}"`);
      const current = existing.filter((c) => serviceOf(c) === name);
      const hash = configHash(project, service);
      // A policy that gets the image anew looks at the image before deciding what is unchanged.
      const imageId = refreshesImage(service)
        ? await ensureImage(engine, project, service, report)
        : null;
      if (
        isUnchanged(project, service, current) &&
        (imageId === null || current.every((c) => c.ImageID === imageId))
      ) {
        report(name, 'unchanged');
        return current.map((c) => c.Id);
      }
      if (!refreshesImage(service)) await ensureImage(engine, project, service, report);
      const dependencies = Object.entries(service.dependsOn).filter(([dep]) =>
        selected.includes(dep),
      );
      if (dependencies.length > 0)
        report(
          name,
          'waiting',
          dependencies.map(([dep, f]) => `${dep} (${f.value.condition})`).join(', '),
        );
      const ids = await createContainers(
        engine,
        project,
        service,
        current,
        (c) =>
          c.Labels[COMPOSE_LABEL.configHash] === hash &&
          (imageId === null || c.ImageID === imageId),
        options.stopTimeoutSeconds,
        report,
      );
      await Promise.all(
        dependencies.map(async ([dep, field]) => {
          const depIds = await run(dep).catch(() => {
            throw new Error(`its dependency ${dep} failed`);
          });
          await Promise.all(
            depIds.map((id) => waitForCondition(engine, events, id, field.value.condition)),
          ).catch((error: Error) => {
            throw new Error(`${dep} ${error.message}`);
          });
          if (field.value.condition === 'service_healthy') reportHealthy(dep);
        }),
      );
      report(name, 'starting');
      await Promise.all(ids.map((id) => engine.startContainer(id)));
      report(name, 'started');
      return ids;
    };

    // A service turns healthy once, however many dependents (and --wait) saw it.
    function reportHealthy(name: string): void {
      if (healthy.has(name)) return;
      healthy.add(name);
      report(name, 'healthy');
    }
    const healthy = new Set<string>();

    const outcomes = await Promise.allSettled(
      selected.map(async (name) => {
        const ids = await run(name);
        const healthcheck = model.services[name]?.healthcheck?.value;
        if (options.wait && healthcheck && !healthcheck.disable) {
          await Promise.all(
            ids.map((id) => waitForCondition(engine, events, id, 'service_healthy')),
          );
          reportHealthy(name);
        }
      }),
    );
    const failed = outcomes.flatMap((outcome, index) => {
      if (outcome.status === 'fulfilled') return [];
      const service = selected[index] ?? '?';
      const reason =
        outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
      report(service, 'failed', reason);
      return [{ service, reason }];
    });
    return { failed };
  } finally {
    events.close();
  }
}

function serviceOf(container: ContainerInfo): string {
  return container.Labels[COMPOSE_LABEL.service] ?? '';
}

async function ensureNetworksAndVolumes(
  engine: DockerEngine,
  project: LoadedProject,
  selected: readonly string[],
): Promise<void> {
  const services = selected.flatMap((name) => project.model.services[name] ?? []);
  const networks = new Set(services.flatMap((s) => s.networks));
  const volumes = new Set(
    services.flatMap((s) =>
      s.volumes.flatMap((v) =>
        v.value.type === 'volume' && v.value.source ? [v.value.source] : [],
      ),
    ),
  );
  await Promise.all([
    ...[...networks].map((key) => {
      const network = project.model.networks[key]?.value;
      return network && !network.external ? engine.ensureNetwork(network, project.name, key) : null;
    }),
    ...[...volumes].map((key) => {
      const volume = project.model.volumes[key]?.value;
      return volume && !volume.external ? engine.ensureVolume(volume, project.name, key) : null;
    }),
    ...services.flatMap((s) =>
      s.volumes.flatMap(({ value }) =>
        value.type === 'bind' && value.source && value.bind?.createHostPath !== false
          ? [createMissingBindSource(value.source)]
          : [],
      ),
    ),
  ]);
}

/**
 * Compose creates a bind source that does not exist as a folder (create_host_path) rather than
 * failing; one that exists (a file, a socket, a folder, a link to any of them) is left alone.
 */
async function createMissingBindSource(source: string): Promise<void> {
  try {
    await lstat(source);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(source, { recursive: true });
  }
}

/**
 * The project with the replicas `--scale` asks for, as Compose does: the scale is not part of
 * the config hash, so scaling creates or removes containers and leaves the rest alone.
 */
export function withScale(
  project: LoadedProject,
  scale: Readonly<Record<string, number>>,
): LoadedProject {
  const entries = Object.entries(scale);
  if (entries.length === 0) return project;
  const services = { ...project.model.services };
  for (const [name, replicas] of entries) {
    const service = services[name];
    if (!service) throw new PlanError(`--scale names no service of the project: ${name}`);
    if (!Number.isInteger(replicas) || replicas < 0) {
      throw new PlanError(
        `--scale ${name}: expected a whole number of containers, got ${replicas}`,
      );
    }
    const source = service.replicas?.source ?? service.source;
    services[name] = { ...service, replicas: { value: replicas, source } };
  }
  return { ...project, model: { ...project.model, services } };
}

async function createContainers(
  engine: DockerEngine,
  project: LoadedProject,
  service: ServiceModel,
  current: ContainerInfo[],
  /** Whether an existing container already is what the files ask for. */
  matches: (container: ContainerInfo) => boolean,
  stopTimeoutSeconds: number | undefined,
  report: Report,
): Promise<string[]> {
  const replicas = service.replicas?.value ?? 1;
  const ids: string[] = [];
  for (let number = 1; number <= replicas; number++) {
    const existing = current.find(
      (c) => c.Labels[COMPOSE_LABEL.containerNumber] === String(number),
    );
    if (existing && matches(existing)) {
      ids.push(existing.Id);
      continue;
    }
    if (existing) {
      report(service.name, 'recreating');
      await engine.stopContainer(existing.Id, stopTimeoutSeconds);
      await engine.removeContainer(existing.Id);
    } else {
      report(service.name, 'creating');
    }
    const id = await engine.createContainer(containerSpec(project, service, number));
    await writeInlineFiles(engine, id, service);
    ids.push(id);
  }
  // Scaled down: containers past the replica count go.
  const extra = current.filter((c) => Number(c.Labels[COMPOSE_LABEL.containerNumber]) > replicas);
  await Promise.all(extra.map((c) => engine.removeContainer(c.Id)));
  return ids;
}
