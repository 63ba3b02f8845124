import type { DriftResult } from '../../shared/api/contract';
import type { Diagnostic } from '../../shared/diagnostics';
import type { LoadResult } from '../config/load-project';
import { biggestInputs } from './biggest-inputs';
import type { CompareJob } from './compare-protocol';
import type { LoadStep } from './load-protocol';
import { WorkerPool, type PoolOutcome } from './worker-pool';
import { loadWorkerScript, type WorkerScript } from './worker-script';

/** A project's files as read and, when asked, its drift report against production. */
export interface LoadedWithDrift {
  loaded: LoadResult;
  drift: DriftResult;
}

/** Reads projects for the API: off the main process's event loop, each within a time limit. */
export interface ProjectLoader {
  /** The project's files as read; `allProfiles` includes services behind every profile. */
  load(folder: string, allProfiles: boolean, mirror?: boolean): Promise<LoadResult>;
  /** The project read with every profile, and its drift against production. */
  drift(folder: string, mirror?: boolean): Promise<LoadedWithDrift>;
  /**
   * Drift against what runs (containers, local images and parity.lock), compared off the event
   * loop within the same limit; the problems are the comparison's own.
   */
  compare(job: CompareJob): Promise<DriftResult>;
  /** The folder's files changed: a reading that was stopped or failed may now succeed. */
  forget(folder: string): void;
  close(): Promise<void>;
}

// The answers that stand for a project not read at all (stopped, or its worker failed).
const unreadResults = new WeakSet<LoadResult>();

/** Whether a load ended without reading the project: stopped at the limit, or failed. */
export function unread(result: LoadResult): boolean {
  return unreadResults.has(result);
}

/** The time limit when PARITY_LOAD_TIME_LIMIT_MS does not set one. */
export const DEFAULT_LOAD_LIMIT_MS = 20_000;

// Two workers: one project stuck until its limit leaves the other answering every other one.
const POOL_SIZE = 2;

const WHERE: Record<LoadStep, string> = {
  project: ' while reading its files',
  production: ' while reading production',
  drift: ' while comparing it with production',
  runtime: ' while comparing it with the running containers',
  lock: ' while reading parity.lock and comparing the local images with it',
};

/**
 * The app's and `parity serve`'s loader: a small pool of worker threads. Requests for the same
 * folder (and the same reading of it) while one is under way share its answer. The one-shot
 * CLI reads in-process instead (src/main/cli/project-args.ts): nothing else waits on its event
 * loop, Ctrl+C stops it, and starting a worker would add its start-up to every command.
 */
export class WorkerProjectLoader implements ProjectLoader {
  private readonly pool: WorkerPool;
  private readonly loads = new Map<string, Promise<LoadResult>>();
  private readonly drifts = new Map<string, Promise<LoadedWithDrift>>();
  // Readings stopped at the limit (or that killed their worker), kept until the files change:
  // a project that hangs is not read again on every container event, holding a worker each time.
  private readonly unreadLoads = new Map<string, LoadResult>();
  private readonly limitMs: number;

  constructor(env: Record<string, string | undefined>, script: WorkerScript = loadWorkerScript()) {
    this.limitMs = loadLimitMs(env);
    this.pool = new WorkerPool({ script, env, size: POOL_SIZE, limitMs: this.limitMs });
  }

  load(folder: string, allProfiles: boolean, mirror = false): Promise<LoadResult> {
    const key = `${folder}\0${allProfiles}\0${mirror}`;
    const unreadBefore = this.unreadLoads.get(key);
    if (unreadBefore) return Promise.resolve(unreadBefore);
    return shared(this.loads, key, async () => {
      const outcome = await this.pool.run({
        kind: 'load',
        folder,
        allProfiles,
        mirror,
        drift: false,
      });
      if (outcome.kind === 'done') return outcome.loaded;
      const failure =
        outcome.kind === 'compared'
          ? { kind: 'failed' as const, message: 'the load worker answered with a comparison' }
          : outcome;
      const result = { project: null, diagnostics: [await this.problem(folder, failure)] };
      unreadResults.add(result);
      this.unreadLoads.set(key, result);
      return result;
    });
  }

  drift(folder: string, mirror = false): Promise<LoadedWithDrift> {
    return shared(this.drifts, `${folder}\0${mirror}`, async () => {
      const outcome = await this.pool.run({
        kind: 'load',
        folder,
        allProfiles: true,
        mirror,
        drift: true,
      });
      if (outcome.kind === 'done' && outcome.drift) {
        return { loaded: outcome.loaded, drift: outcome.drift };
      }
      const problem =
        outcome.kind === 'done' || outcome.kind === 'compared'
          ? { severity: 'error' as const, message: 'the load worker computed no drift' }
          : await this.problem(folder, outcome);
      const loaded = { project: null, diagnostics: [problem] };
      unreadResults.add(loaded);
      return {
        loaded,
        drift: { available: false, reason: problem.message, problems: [problem] },
      };
    });
  }

  async compare(job: CompareJob): Promise<DriftResult> {
    const outcome = await this.pool.run(job);
    if (outcome.kind === 'compared') return outcome.drift;
    const problem =
      outcome.kind === 'done'
        ? { severity: 'error' as const, message: 'the load worker compared nothing' }
        : await this.problem(job.folder, outcome);
    return { available: false, reason: problem.message, problems: [problem] };
  }

  forget(folder: string): void {
    for (const allProfiles of [true, false]) {
      for (const mirror of [true, false]) {
        this.unreadLoads.delete(`${folder}\0${allProfiles}\0${mirror}`);
      }
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async problem(
    folder: string,
    outcome: Exclude<PoolOutcome, { kind: 'done' | 'compared' }>,
  ): Promise<Diagnostic> {
    if (outcome.kind === 'failed') {
      return { severity: 'error', message: `cannot read the project: ${outcome.message}` };
    }
    const where = outcome.step ? WHERE[outcome.step] : '';
    const what = outcome.step === 'production' && outcome.detail ? ` (${outcome.detail})` : '';
    const biggest = await biggestInputs(folder);
    const inputs = biggest.length ? `; the biggest inputs were ${biggest.join(', ')}` : '';
    return {
      severity: 'error',
      message: `loading took longer than ${seconds(this.limitMs)}${where}${what}: stopped${inputs}`,
    };
  }
}

/** The time limit of one load: PARITY_LOAD_TIME_LIMIT_MS (milliseconds) or 20 s. */
export function loadLimitMs(env: Record<string, string | undefined>): number {
  const set = Number(env.PARITY_LOAD_TIME_LIMIT_MS);
  return Number.isFinite(set) && set > 0 ? set : DEFAULT_LOAD_LIMIT_MS;
}

// A request for a folder while the same one is under way shares its answer.
function shared<T>(
  inFlight: Map<string, Promise<T>>,
  key: string,
  read: () => Promise<T>,
): Promise<T> {
  const running = inFlight.get(key);
  if (running) return running;
  const answer = read().finally(() => inFlight.delete(key));
  inFlight.set(key, answer);
  return answer;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}
