import type { ContainerInspectInfo } from 'dockerode';
import type { Category, DriftReport, ServiceMatch, Severity } from '../../shared/drift';
import type { SourcePosition } from '../../shared/diagnostics';
import type { ServiceModel } from '../../shared/model';
import { isSecretName } from '../../shared/secrets';
import type { LoadedProject } from '../config/load-project';
import { COMPOSE_LABEL } from '../engine/compose-labels';
import { configHash, containerSpec } from '../engine/container-spec';
import type { DockerEngine, ImageIdentity } from '../engine/docker-engine';
import { applyRules } from './apply-rules';
import type { RawFinding } from './compare-service';

/** What runtime drift reads of one container (from `docker inspect`). */
export interface RuntimeContainer {
  id: string;
  /** Without the leading slash. */
  name: string;
  labels: Record<string, string>;
  /** The image reference it was created with (`Config.Image`). */
  image: string;
  /** The id of the image it runs. */
  imageId: string;
  env: string[];
  cmd: string[] | null;
  entrypoint: string[] | null;
  user: string;
  /** created, running, paused, restarting, removing, exited or dead. */
  status: string;
  exitCode: number;
  oomKilled: boolean;
  /** healthy, unhealthy, starting; null without a health check. */
  health: string | null;
  restartCount: number;
  /** When it last started (ISO 8601, as the engine says; zero time when never). */
  startedAt: string;
  restartPolicy: string;
  memory: number;
  nanoCpus: number;
}

/** The running side: the project's containers, and what the image references resolve to now. */
export interface RuntimeObservation {
  containers: RuntimeContainer[];
  /** By image reference or id: what it names on this machine now, null when absent. */
  images: Record<string, ImageIdentity | null>;
}

/** What a runtime diff needs besides the project and what runs. */
export interface RuntimeOptions {
  /** Where the running side was read, for the report (e.g. the engine's endpoint). */
  from: string[];
  /** The profiles the user activated: a service behind another one is not expected to run. */
  activeProfiles?: readonly string[];
  /** The time to judge "just restarted" by, in ms since the epoch; default: now. */
  now?: number;
}

/** The fields runtime drift reads of an inspected container. */
export function runtimeContainer(info: ContainerInspectInfo): RuntimeContainer {
  const state = info.State as ContainerInspectInfo['State'] & { Health?: { Status?: string } };
  const cmd = info.Config.Cmd as string[] | string | null | undefined;
  const entrypoint = info.Config.Entrypoint as string[] | string | null | undefined;
  const list = (value: string[] | string | null | undefined): string[] | null =>
    value === null || value === undefined ? null : typeof value === 'string' ? [value] : value;
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    labels: info.Config.Labels ?? {},
    image: info.Config.Image,
    imageId: info.Image,
    env: info.Config.Env ?? [],
    cmd: list(cmd),
    entrypoint: list(entrypoint),
    user: info.Config.User ?? '',
    status: state.Status,
    exitCode: state.ExitCode,
    oomKilled: state.OOMKilled,
    health: state.Health?.Status ?? null,
    restartCount: info.RestartCount,
    startedAt: state.StartedAt,
    restartPolicy: info.HostConfig.RestartPolicy?.Name ?? '',
    memory: info.HostConfig.Memory ?? 0,
    nanoCpus: info.HostConfig.NanoCpus ?? 0,
  };
}

/**
 * Reads the running side from the engine: every container labelled as the project's, and
 * what each image reference the files name, and each image a container runs, resolves to.
 */
export async function observeRuntime(
  engine: DockerEngine,
  project: LoadedProject,
): Promise<RuntimeObservation> {
  const containers = (await engine.inspectProjectContainers(project.name)).map(runtimeContainer);
  const references = new Set<string>();
  for (const service of Object.values(project.model.services)) {
    references.add(String(containerSpec(project, service, 1).Image));
  }
  for (const c of containers) {
    references.add(c.image);
    references.add(c.imageId);
  }
  const images: Record<string, ImageIdentity | null> = {};
  await Promise.all(
    [...references].map(async (reference) => {
      images[reference] = await engine.inspectImage(reference);
    }),
  );
  return { containers, images };
}

type Check = (
  path: string,
  category: Category,
  severity: Severity,
  rule: string,
  declared: string | null,
  running: string | null,
  secret?: boolean,
  /** Where the files declare it, when not the service itself. */
  at?: SourcePosition | null,
) => void;

/**
 * Runtime drift: the running containers of a project against their definition in the files.
 * Services with no container, stale containers (the files changed since they were created),
 * images moved under their tag, containers changed by hand, stopped or crash-looping ones,
 * and orphans (containers whose service is gone). The dev side is what the files declare,
 * the prod side what runs. parity.yaml's accept and ignore rules are written for production
 * and are not applied here.
 */
export function diffRuntime(
  project: LoadedProject,
  observed: RuntimeObservation,
  options: RuntimeOptions,
): DriftReport {
  const raw: RawFinding[] = [];
  let equivalent = 0;
  const active = new Set(options.activeProfiles ?? []);
  const containers = observed.containers.filter((c) => c.labels[COMPOSE_LABEL.oneoff] !== 'True');
  const serviceOf = (c: RuntimeContainer): string => c.labels[COMPOSE_LABEL.service] ?? c.name;
  const matches: ServiceMatch[] = [];
  const completedBy = new Set(
    Object.values(project.model.services).flatMap((s) =>
      Object.entries(s.dependsOn)
        .filter(([, d]) => d.value.condition === 'service_completed_successfully')
        .map(([name]) => name),
    ),
  );

  for (const service of Object.values(project.model.services)) {
    const own = containers
      .filter((c) => serviceOf(c) === service.name)
      .sort((a, b) => numberOf(a) - numberOf(b));
    matches.push({
      dev: service.name,
      prod: own.length > 0 ? service.name : null,
      by: own.length > 0 ? 'name' : 'none',
    });
    const declaredAt = service.source;
    if (own.length === 0) {
      const optional =
        service.profiles.length > 0 &&
        !active.has('*') &&
        !service.profiles.some((p) => active.has(p));
      raw.push({
        service: service.name,
        path: 'service',
        kind: 'only-dev',
        category: 'topology',
        severity: 'warning',
        rule: 'declared, but no container: `parity up` creates it',
        secret: false,
        dev: { value: service.name, source: declaredAt },
        prod: { value: null, source: null },
        ...(optional
          ? { expected: `behind the Compose profile ${service.profiles.join(', ')}` }
          : {}),
      });
      continue;
    }
    const replicas = service.replicas?.value ?? 1;
    if (own.length !== replicas) {
      raw.push({
        service: service.name,
        path: 'replicas',
        kind: 'changed',
        category: 'topology',
        severity: 'warning',
        rule: 'another number of containers than the replicas declared: `parity up` scales it',
        secret: false,
        dev: { value: String(replicas), source: service.replicas?.source ?? declaredAt },
        prod: { value: String(own.length), source: null },
      });
    } else equivalent += 1;
    for (const container of own) {
      const prefix = own.length > 1 ? `container-${numberOf(container)}.` : '';
      const check: Check = (
        path,
        category,
        severity,
        rule,
        declared,
        running,
        secret = false,
        at,
      ) => {
        if (declared === running) {
          equivalent += 1;
          return;
        }
        const shown = (text: string | null): string | null =>
          text === null ? null : secret ? 'differs' : text;
        raw.push({
          service: service.name,
          path: `${prefix}${path}`,
          kind: declared === null ? 'only-prod' : running === null ? 'only-dev' : 'changed',
          category,
          severity,
          rule,
          secret,
          dev: { value: shown(declared), source: at ?? declaredAt },
          prod: { value: shown(running), source: null },
        });
      };
      checkState(container, completedBy.has(service.name), options.now ?? Date.now(), check);
      checkContainer(project, service, container, observed, check);
    }
  }

  for (const name of new Set(containers.map(serviceOf))) {
    if (project.model.services[name]) continue;
    const names = containers.filter((c) => serviceOf(c) === name).map((c) => c.name);
    matches.push({ dev: null, prod: name, by: 'none' });
    raw.push({
      service: name,
      path: 'service',
      kind: 'only-prod',
      category: 'topology',
      severity: 'warning',
      rule: 'an orphan: a container of the project whose service is gone from the files; `parity up --remove-orphans` removes it',
      secret: false,
      dev: { value: null, source: null },
      prod: { value: names.sort().join(', '), source: null },
    });
  }
  return {
    comparison: {
      against: 'runtime',
      sides: { dev: 'declared', prod: 'running' },
      from: options.from,
    },
    matches,
    findings: applyRules(raw, undefined),
    equivalent,
  };
}

function numberOf(c: RuntimeContainer): number {
  return Number(c.labels[COMPOSE_LABEL.containerNumber] ?? 0);
}

// The engine's own measure: a container that ran 10 s after a restart is no longer backing off.
const RESTART_SETTLED_MS = 10_000;

// Signals `docker stop` and `docker kill` end a process with: 128 + SIGKILL, 128 + SIGTERM.
const STOPPED_CODES = new Set([137, 143]);

/** Whether it runs, and healthily: crash loops, crashes, stops and failing health checks. */
function checkState(c: RuntimeContainer, isJob: boolean, now: number, check: Check): void {
  const exit = `exited (${c.exitCode})`;
  const restarts = `${c.restartCount} restart${c.restartCount === 1 ? '' : 's'}`;
  if (c.status === 'restarting') {
    check(
      'state',
      'health',
      'error',
      `crash-looping: it keeps exiting (last exit code ${c.exitCode}) and its restart policy restarts it`,
      'running',
      `restarting (exit code ${c.exitCode}, ${restarts})`,
    );
    return;
  }
  const upFor = now - Date.parse(c.startedAt);
  if (c.status === 'running' && c.restartCount > 0 && upFor < RESTART_SETTLED_MS) {
    // Between two crashes a crash-looping container runs for a moment.
    check(
      'state',
      'health',
      'error',
      'crash-looping: it keeps exiting and its restart policy restarts it',
      'running',
      `running for ${Math.max(0, Math.round(upFor / 1000))}s after ${restarts}`,
    );
    return;
  }
  if (c.status === 'running') {
    check('state', 'health', 'error', '', 'running', 'running');
    if (c.restartCount > 0) {
      check(
        'restarts',
        'health',
        'info',
        'it exited before and its restart policy restarted it',
        '0',
        String(c.restartCount),
      );
    }
    if (c.health === 'unhealthy') {
      check('health', 'health', 'error', 'its health check fails', 'healthy', 'unhealthy');
    } else if (c.health === 'healthy') check('health', 'health', 'info', '', 'healthy', 'healthy');
    return;
  }
  if (c.status === 'exited' && c.exitCode === 0 && isJob) {
    // A service others wait on with service_completed_successfully is meant to finish.
    check('state', 'health', 'info', '', 'completed', 'completed');
    return;
  }
  const [severity, rule, running]: [Severity, string, string] =
    c.status === 'exited'
      ? c.oomKilled
        ? ['error', 'killed for running out of memory', `${exit}, out of memory`]
        : c.exitCode === 0
          ? ['info', 'its command finished (exit code 0); `parity up` starts it again', exit]
          : STOPPED_CODES.has(c.exitCode) && c.restartCount === 0
            ? [
                'warning',
                'stopped (docker stop or a kill): `parity up` or `parity start` starts it',
                exit,
              ]
            : c.restartCount > 0
              ? [
                  'error',
                  `crashed (exit code ${c.exitCode}) after ${restarts}; its restart policy gave up`,
                  `${exit}, ${restarts}`,
                ]
              : ['error', `crashed: it exited with code ${c.exitCode}`, exit]
      : c.status === 'created'
        ? ['warning', 'created but never started: `parity up` starts it', 'created']
        : c.status === 'paused'
          ? ['warning', 'paused: `docker unpause` resumes it', 'paused']
          : ['error', `the engine reports it ${c.status}`, c.status];
  check('state', 'health', severity, rule, 'running', running);
}

/**
 * How the container was made against how the files would make it now: the config-hash label
 * (stale when the files changed since), the project folder it came from, the image its tag
 * names now, and field by field what `parity up` would create. With a current hash the
 * differences were made by hand (`docker update`, or a container made outside Parity); with a
 * stale one they are what changed in the files.
 */
function checkContainer(
  project: LoadedProject,
  service: ServiceModel,
  c: RuntimeContainer,
  observed: RuntimeObservation,
  check: Check,
): void {
  const spec = containerSpec(project, service, numberOf(c) || 1);
  const hash = configHash(project, service);
  const label = c.labels[COMPOSE_LABEL.configHash];
  // Docker Compose writes its own hash of its own model: comparable only field by field.
  const byCompose = c.labels['com.docker.compose.version'] !== undefined;
  let stale = false;
  if (label === undefined) {
    check(
      'config-hash',
      'topology',
      'warning',
      'made by hand: it has no config-hash label, so neither Parity nor Compose created it; `parity up` replaces it',
      hash.slice(0, 12),
      null,
    );
  } else if (!byCompose) {
    stale = label !== hash;
    check(
      'config-hash',
      'topology',
      'warning',
      'stale: the service changed since its container was created; `parity up` recreates it',
      hash.slice(0, 12),
      label.slice(0, 12),
    );
  }
  const dir = c.labels[COMPOSE_LABEL.workingDir];
  if (dir !== undefined) {
    check(
      'labels.working_dir',
      'topology',
      'warning',
      'created from another folder with the same project name (another checkout?)',
      project.workingDir,
      dir,
    );
  }

  const [severity, cause]: [Severity, string] = stale
    ? ['info', 'changed in the files since the container was created']
    : ['warning', 'changed by hand: the container differs from what the files create'];
  const image = String(spec.Image);
  check('image', 'image', severity, cause, image, c.image, false, service.image?.source);
  if (c.image === image) {
    const now = observed.images[image];
    if (now === null) {
      check(
        'image.id',
        'image',
        'info',
        'its image tag no longer names an image on this machine (removed, or never pulled here)',
        'present',
        null,
      );
    } else if (now !== undefined) {
      check(
        'image.id',
        'image',
        'warning',
        'the image moved under its tag since the container was created: `parity down` then `parity up` runs the new one',
        shortId(now.id),
        shortId(c.imageId),
      );
    }
  }

  const declared = envMap(spec.Env ?? []);
  const running = envMap(c.env);
  const fromImage = envMap(observed.images[c.imageId]?.env ?? []);
  for (const key of new Set([...declared.keys(), ...running.keys()])) {
    const want = declared.get(key) ?? null;
    const have = running.get(key) ?? null;
    // What the image's ENV sets and the files leave alone is not the files' business.
    if (want === null && have !== null && fromImage.get(key) === have) continue;
    const field = service.environment[key];
    check(`env.${key}`, 'env', severity, cause, want, have, isSecretName(key), field?.source);
  }
  const json = (v: string[] | null | undefined): string | null => (v ? JSON.stringify(v) : null);
  if (spec.Cmd) {
    const { Cmd: cmd } = spec;
    check(
      'command',
      'command',
      severity,
      cause,
      json(cmd),
      json(c.cmd),
      false,
      service.command?.source,
    );
  }
  if (spec.Entrypoint) {
    const entrypoint = [spec.Entrypoint].flat();
    const at = service.entrypoint?.source;
    check(
      'entrypoint',
      'command',
      severity,
      cause,
      json(entrypoint),
      json(c.entrypoint),
      false,
      at,
    );
  }
  check('user', 'security', severity, cause, spec.User ?? '', c.user, false, service.user?.source);
  const host = spec.HostConfig ?? {};
  const memory = [bytes(host.Memory ?? 0), bytes(c.memory)] as const;
  check(
    'resources.memory',
    'resources',
    severity,
    cause,
    ...memory,
    false,
    service.limits.memoryBytes?.source,
  );
  const cpu = [cpus(host.NanoCpus ?? 0), cpus(c.nanoCpus)] as const;
  check('resources.cpus', 'resources', severity, cause, ...cpu, false, service.limits.cpus?.source);
  const restart = [host.RestartPolicy?.Name || 'no', c.restartPolicy || 'no'] as const;
  check('restart', 'health', severity, cause, ...restart, false, service.restart?.source);
  check('name', 'topology', 'info', 'renamed by hand (docker rename)', String(spec.name), c.name);
}

function envMap(entries: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at > 0) map.set(entry.slice(0, at), entry.slice(at + 1));
    else map.set(entry, '');
  }
  return map;
}

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

function bytes(n: number): string {
  return n === 0 ? 'unlimited' : String(n);
}

function cpus(nano: number): string {
  return nano === 0 ? 'unlimited' : String(nano / 1e9);
}
