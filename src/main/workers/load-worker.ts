// The load worker's entry (a build entry of its own: out/main/load-worker.js). It reads
// projects and computes their drift off the main process's event loop; the main process
// (worker-pool.ts) stops it when a request passes its time limit.
import { readlinkSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { sourcePaths } from '../../shared/production-sources';
import { loadProject } from '../config/load-project';
import { compareLive } from './live-compare';
import { projectDrift } from './project-drift';
import { WorkerRequestSchema, type LoadJob, type WorkerReply } from './load-protocol';

const port = parentPort;
if (!port) throw new Error('load-worker.ts runs as a worker thread only');

const post = (reply: WorkerReply): void => port.postMessage(reply);

// The thread's id in the operating system, on Linux: Kustomize and Helm renders run as its
// child processes, synchronously, which terminating the thread does not interrupt; the main
// process finds and stops them by it (stop-children.ts).
function threadId(): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) ? tid : null;
  } catch {
    return null;
  }
}

function answer(request: LoadJob & { seq: number }): void {
  const { seq, folder } = request;
  post({ kind: 'step', seq, step: 'project', detail: folder });
  // The worker's environment is the API's (the user's shell): set when the pool started it.
  const env = { ...process.env };
  const loaded = loadProject({
    dir: folder,
    env,
    ...(request.allProfiles ? { profiles: ['*'] } : {}),
    ...(request.mirror ? { mirror: true } : {}),
  });
  const production = (loaded.project?.parity?.production ?? [])
    .map((source) => `${Object.keys(source)[0] ?? 'source'}: ${sourcePaths(source).join(', ')}`)
    .join('; ');
  const drift = request.drift
    ? projectDrift(loaded, (step) =>
        post({ kind: 'step', seq, step, detail: step === 'production' ? production : '' }),
      )
    : null;
  post({ kind: 'done', seq, loaded, drift });
}

port.on('message', (message: unknown) => {
  const request = WorkerRequestSchema.parse(message);
  try {
    if (request.kind === 'load') answer(request);
    else {
      const detail = request.kind === 'lock' ? 'parity.lock' : '';
      post({ kind: 'step', seq: request.seq, step: request.kind, detail });
      post({ kind: 'compared', seq: request.seq, drift: compareLive(request) });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    post({ kind: 'failed', seq: request.seq, message });
  }
});

post({ kind: 'ready', tid: threadId() });
