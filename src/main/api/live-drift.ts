import type { DriftResult } from '../../shared/api/contract';
import type { Problem } from '../../shared/projects';
import type { LoadResult } from '../config/load-project';
import type { DockerEngine } from '../engine/docker-engine';
import { engineWhere, unreachableReason } from '../engine/unreachable';
import { resolveLocalImages } from '../drift/lock';
import { observeRuntime } from '../drift/runtime-observe';
import type { CompareJob, LockJob } from '../workers/compare-protocol';
import type { ProjectLoader } from '../workers/project-loader';

// Drift against what runs on this machine. The engine is read here, where its connection is;
// reading parity.lock and comparing run on a load worker (ProjectLoader.compare), off the
// event loop and within the load time limit, like every other reading of a repository's files.

/** What live drift needs: the engine, the loader's workers and the project as read. */
export interface LiveDriftSources {
  engine: DockerEngine;
  loader: Pick<ProjectLoader, 'compare'>;
  /** The project's id (its folder). */
  id: string;
  loaded: LoadResult;
}

/**
 * Drift against the running containers: read from the engine on every call, never cached,
 * since containers change without the files changing. Every service counts; those behind a
 * profile not in COMPOSE_PROFILES are reported as expected when they have no container.
 */
export async function runtimeDrift(
  { engine, loader, id, loaded }: LiveDriftSources,
  env: Record<string, string | undefined>,
): Promise<DriftResult> {
  const { project, diagnostics } = loaded;
  if (!project) return unreadable(diagnostics);
  let observed;
  try {
    observed = await observeRuntime(engine, project);
  } catch (error) {
    return { available: false, reason: engineReason(engine, error), problems: [...diagnostics] };
  }
  return compare(loader, diagnostics, {
    kind: 'runtime',
    folder: id,
    project,
    observed,
    from: [engine.endpoint],
    activeProfiles: env.COMPOSE_PROFILES?.split(',').filter(Boolean) ?? [],
  });
}

/**
 * Drift against parity.lock, with the images on this machine now (not cached either). An
 * engine that cannot be read is said only once the lock has been read: no lock says so first.
 */
export async function lockDrift({
  engine,
  loader,
  id,
  loaded,
}: LiveDriftSources): Promise<DriftResult> {
  const { project, diagnostics } = loaded;
  if (!project) return unreadable(diagnostics);
  let images: LockJob['images'];
  try {
    images = { ok: true, images: await resolveLocalImages(engine, project) };
  } catch (error) {
    images = { ok: false, reason: engineReason(engine, error) };
  }
  return compare(loader, diagnostics, { kind: 'lock', folder: id, project, images });
}

async function compare(
  loader: Pick<ProjectLoader, 'compare'>,
  diagnostics: readonly Problem[],
  job: CompareJob,
): Promise<DriftResult> {
  const result = await loader.compare(job);
  return { ...result, problems: [...diagnostics, ...result.problems] };
}

function unreadable(diagnostics: readonly Problem[]): DriftResult {
  return { available: false, reason: 'The project files have errors', problems: [...diagnostics] };
}

function engineReason(engine: DockerEngine, error: unknown): string {
  const why =
    unreachableReason(error, engine.target) ??
    (error instanceof Error ? error.message : String(error));
  const where = engine.target ? engineWhere(engine.target) : engine.endpoint;
  return `Cannot read the Docker engine at ${where}: ${why}`;
}
