import type { ContainerInspectInfo } from 'dockerode';
import type { LoadedProject } from '../config/load-project';
import { COMPOSE_LABEL } from '../engine/compose-labels';
import { containerSpec } from '../engine/container-spec';
import type { DockerEngine, ImageIdentity } from '../engine/docker-engine';

// The running side of runtime drift: what is read of the engine, before any comparison.

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

/** A container's replica number (`container-number` label), 0 when it has none. */
export function numberOf(c: RuntimeContainer): number {
  return Number(c.labels[COMPOSE_LABEL.containerNumber] ?? 0);
}
