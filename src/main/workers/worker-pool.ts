import { Worker } from 'node:worker_threads';
import type { DriftResult } from '../../shared/api/contract';
import type { LoadResult } from '../config/load-project';
import {
  WorkerReplySchema,
  type LoadStep,
  type PoolJob,
  type WorkerReply,
  type WorkerRequest,
} from './load-protocol';
import { stopThreadChildren } from './stop-children';
import type { WorkerScript } from './worker-script';

/** How a request to the pool ended. */
export type PoolOutcome =
  | { kind: 'done'; loaded: LoadResult; drift: DriftResult | null }
  /** A comparison's answer. */
  | { kind: 'compared'; drift: DriftResult }
  | { kind: 'failed'; message: string }
  /** Stopped at the time limit, on this step. */
  | { kind: 'stopped'; step: LoadStep | null; detail: string };

/** What starts the pool's workers. */
export interface PoolOptions {
  script: WorkerScript;
  /** The workers' process.env: the environment project files are read with. */
  env: Record<string, string | undefined>;
  /** At most this many workers: a load stuck until its limit leaves the others answering. */
  size: number;
  /** Each request's time limit, counted from when a started worker takes it. */
  limitMs: number;
}

// A project whose files would need more memory than this to read (an alias bomb past the
// parser's limits) stops its worker with ERR_WORKER_OUT_OF_MEMORY, not the app.
const MEMORY_MB = 1024;
// How long closing waits for a thread to end before going on without it.
const STOP_WAIT_MS = 2_000;

interface Job {
  request: PoolJob;
  settle: (outcome: PoolOutcome) => void;
}

interface Running {
  seq: number;
  job: Job;
  timer: ReturnType<typeof setTimeout>;
  step: LoadStep | null;
  detail: string;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  tid: number | null;
  running: Running | null;
}

/**
 * A few worker threads that load projects and compute drift (against production, the running
 * containers or parity.lock), one request each at a time, the rest queued. A request past the
 * time limit is answered as stopped at once; its worker is terminated (and the renders it
 * waits on killed) and replaced on the next request.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private seq = 0;
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  /** Runs one request; never rejects: failures and the time limit are outcomes. */
  run(request: PoolJob): Promise<PoolOutcome> {
    if (this.closed) return Promise.resolve({ kind: 'failed', message: 'Parity is closing' });
    return new Promise((settle) => {
      this.queue.push({ request, settle });
      this.dispatch();
    });
  }

  /** Stops every worker; queued and running requests end as failed. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.settle({ kind: 'failed', message: 'closing' });
    const slots = this.slots.splice(0);
    for (const slot of slots) this.endRunning(slot, { kind: 'failed', message: 'closing' });
    await Promise.all(slots.map((slot) => this.stop(slot)));
  }

  // Whenever every worker is taken, one more is started (up to the size), before it is needed:
  // the next request, a project that does not hang, finds it ready.
  private dispatch(): void {
    while (this.queue.length > 0) {
      const idle = this.slots.find((slot) => slot.ready && !slot.running);
      if (!idle) break;
      this.start(idle, this.queue.shift() as Job);
    }
    if (this.closed) return;
    const spare = this.slots.some((slot) => !slot.running);
    if (!spare && this.slots.length < this.options.size) this.spawn();
  }

  private start(slot: Slot, job: Job): void {
    const seq = ++this.seq;
    const timer = setTimeout(() => this.timeout(slot), this.options.limitMs);
    slot.running = { seq, job, timer, step: null, detail: '' };
    slot.worker.ref();
    slot.worker.postMessage({ seq, ...job.request } satisfies WorkerRequest);
  }

  private spawn(): void {
    const { script, env } = this.options;
    const worker = new Worker(script.url, {
      execArgv: script.execArgv,
      env,
      resourceLimits: { maxOldGenerationSizeMb: MEMORY_MB },
    });
    const slot: Slot = { worker, ready: false, tid: null, running: null };
    this.slots.push(slot);
    worker.unref();
    worker.on('message', (message: unknown) => this.received(slot, message));
    worker.on('error', (error) => this.lost(slot, describe(error)));
    worker.on('exit', (code) => this.lost(slot, `the load worker stopped (exit code ${code})`));
  }

  private received(slot: Slot, message: unknown): void {
    const parsed = WorkerReplySchema.safeParse(message);
    if (!parsed.success) {
      this.endRunning(slot, {
        kind: 'failed',
        message: `the load worker answered something unexpected: ${parsed.error.issues[0]?.message ?? 'unreadable'}`,
      });
      this.dispatch();
      return;
    }
    const reply: WorkerReply = parsed.data;
    if (reply.kind === 'ready') {
      slot.ready = true;
      slot.tid = reply.tid;
    } else if (slot.running?.seq !== reply.seq) {
      return;
    } else if (reply.kind === 'step') {
      slot.running.step = reply.step;
      slot.running.detail = reply.detail;
      return;
    } else if (reply.kind === 'done') {
      this.endRunning(slot, { kind: 'done', loaded: reply.loaded, drift: reply.drift });
    } else if (reply.kind === 'compared') {
      this.endRunning(slot, { kind: 'compared', drift: reply.drift });
    } else {
      this.endRunning(slot, { kind: 'failed', message: reply.message });
    }
    this.dispatch();
  }

  private timeout(slot: Slot): void {
    const running = slot.running;
    if (!running) return;
    this.remove(slot);
    this.endRunning(slot, { kind: 'stopped', step: running.step, detail: running.detail });
    void this.stop(slot);
    this.dispatch();
  }

  // A worker that died (out of memory, a crash) or could not start: its request fails with
  // why; a worker that never started fails the queue too, rather than being started again.
  private lost(slot: Slot, message: string): void {
    if (!this.remove(slot)) return;
    this.endRunning(slot, { kind: 'failed', message });
    if (!slot.ready) {
      for (const job of this.queue.splice(0)) job.settle({ kind: 'failed', message });
    }
    this.dispatch();
  }

  private remove(slot: Slot): boolean {
    const index = this.slots.indexOf(slot);
    if (index < 0) return false;
    this.slots.splice(index, 1);
    return true;
  }

  private endRunning(slot: Slot, outcome: PoolOutcome): void {
    const running = slot.running;
    if (!running) return;
    clearTimeout(running.timer);
    slot.running = null;
    slot.worker.unref();
    running.job.settle(outcome);
  }

  // Terminating waits for a synchronous child process the thread is blocked on: that render
  // is killed first, so the thread and its memory go now rather than at the render's own limit.
  // Closing never waits on a thread longer than STOP_WAIT_MS: quitting must not hang on one.
  private async stop(slot: Slot): Promise<void> {
    stopThreadChildren(slot.tid);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, STOP_WAIT_MS);
      timer.unref();
    });
    await Promise.race([slot.worker.terminate().catch(() => undefined), waited]);
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY')
    return `reading it needed more than ${MEMORY_MB} MB of memory and was stopped`;
  const message = error instanceof Error ? error.message : String(error);
  return `the load worker failed: ${message}`;
}
