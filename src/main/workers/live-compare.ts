import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DriftResult } from '../../shared/api/contract';
import type { DriftReport } from '../../shared/drift';
import { summarizeDrift } from '../../shared/drift-summary';
import type { Problem } from '../../shared/projects';
import { redactReport } from '../../shared/redact-report';
import { readRepositoryText } from '../config/read-text';
import { diffLock, LOCK_FILE, parseLock } from '../drift/lock';
import { diffRuntime } from '../drift/runtime';
import type { CompareJob, LockJob, RuntimeJob } from './compare-protocol';

/**
 * Runs a comparison against what runs on this machine, in the load worker. The problems are
 * its own; the main process puts the project's diagnostics before them.
 */
export function compareLive(job: CompareJob): DriftResult {
  return job.kind === 'runtime' ? compareRuntime(job) : compareLock(job);
}

function compareRuntime({ project, observed, from, activeProfiles }: RuntimeJob): DriftResult {
  const report = diffRuntime(project, observed, { from, activeProfiles });
  return result(redactReport(report, project.fromShell), []);
}

// parity.lock is read before the images are looked at: no lock says so even with no engine.
function compareLock({ project, images }: LockJob): DriftResult {
  const problems: Problem[] = [];
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
  if (!images.ok) return { available: false, reason: images.reason, problems };
  const report = diffLock(
    project,
    { lock: read.lock, positions: read.positions },
    images.images,
    LOCK_FILE,
  );
  return result(redactReport(report, project.fromShell), problems);
}

function result(report: DriftReport, problems: Problem[]): DriftResult {
  return { available: true, report, summary: summarizeDrift(report.findings), problems };
}
