import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DriftResult } from '../../shared/api/contract';
import { summarizeDrift } from '../../shared/drift-summary';
import type { DriftReport } from '../../shared/drift';
import type { Problem } from '../../shared/projects';
import { redactReport } from '../../shared/redact-report';
import type { LoadResult } from '../config/load-project';
import { readRepositoryText } from '../config/read-text';
import type { DockerEngine } from '../engine/docker-engine';
import { engineWhere, unreachableReason } from '../engine/unreachable';
import { diffLock, LOCK_FILE, parseLock, resolveLocalImages } from '../drift/lock';
import { diffRuntime } from '../drift/runtime';
import { observeRuntime } from '../drift/runtime-observe';

/**
 * Drift against the running containers: read from the engine on every call, never cached,
 * since containers change without the files changing. Every service counts; those behind a
 * profile not in COMPOSE_PROFILES are reported as expected when they have no container.
 */
export async function runtimeDrift(
  engine: DockerEngine,
  { project, diagnostics }: LoadResult,
  env: Record<string, string | undefined>,
): Promise<DriftResult> {
  const problems: Problem[] = [...diagnostics];
  if (!project) return { available: false, reason: 'The project files have errors', problems };
  let observed;
  try {
    observed = await observeRuntime(engine, project);
  } catch (error) {
    return { available: false, reason: engineReason(engine, error), problems };
  }
  const report = diffRuntime(project, observed, {
    from: [engine.endpoint],
    activeProfiles: env.COMPOSE_PROFILES?.split(',').filter(Boolean) ?? [],
  });
  return result(redactReport(report, project.fromShell), problems);
}

/** Drift against parity.lock, with the images on this machine now (not cached either). */
export async function lockDrift(
  engine: DockerEngine,
  { project, diagnostics }: LoadResult,
): Promise<DriftResult> {
  const problems: Problem[] = [...diagnostics];
  if (!project) return { available: false, reason: 'The project files have errors', problems };
  const file = join(project.workingDir, LOCK_FILE);
  if (!existsSync(file)) {
    return {
      available: false,
      reason: `No ${LOCK_FILE} in the project folder: \`parity lock\` writes it`,
      problems,
    };
  }
  let text: string;
  try {
    text = readRepositoryText(file);
  } catch (error) {
    return {
      available: false,
      reason: `cannot read ${LOCK_FILE}: ${(error as Error).message}`,
      problems,
    };
  }
  const read = parseLock(text, LOCK_FILE);
  problems.push(...read.diagnostics);
  if (!read.lock) return { available: false, reason: `${LOCK_FILE} could not be read`, problems };
  let images;
  try {
    images = await resolveLocalImages(engine, project);
  } catch (error) {
    return { available: false, reason: engineReason(engine, error), problems };
  }
  const report = diffLock(
    project,
    { lock: read.lock, positions: read.positions },
    images,
    LOCK_FILE,
  );
  return result(redactReport(report, project.fromShell), problems);
}

function result(report: DriftReport, problems: Problem[]): DriftResult {
  return { available: true, report, summary: summarizeDrift(report.findings), problems };
}

function engineReason(engine: DockerEngine, error: unknown): string {
  const why =
    unreachableReason(error, engine.target) ??
    (error instanceof Error ? error.message : String(error));
  const where = engine.target ? engineWhere(engine.target) : engine.endpoint;
  return `Cannot read the Docker engine at ${where}: ${why}`;
}
