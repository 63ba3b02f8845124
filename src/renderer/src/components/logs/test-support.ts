// For component tests: animation frames that run when the test says.
import type { Scheduler } from './log-feed';
import type { SearchWorker, SearchWorkerFactory } from './log-search';
import { searchChunk, type SearchReply } from './log-search-core';

/** A scheduler whose frames run when the test says. */
export function manualFrames(): { schedule: Scheduler; run: () => void; pending: () => number } {
  let queued: Array<() => void> = [];
  return {
    schedule: (flush) => {
      queued.push(flush);
      return () => {
        queued = queued.filter((f) => f !== flush);
      };
    },
    run: () => {
      const now = queued;
      queued = [];
      for (const flush of now) flush();
    },
    pending: () => queued.length,
  };
}

/**
 * A search worker that runs in the page, for jsdom (which has no Worker): the same search,
 * answered on a later task as a worker's message would be.
 */
export const inPageSearchWorker: SearchWorkerFactory = () => {
  let terminated = false;
  const worker: SearchWorker = {
    onmessage: null,
    onerror: null,
    postMessage: (request) => {
      setTimeout(() => {
        if (!terminated)
          worker.onmessage?.({ data: searchChunk(request) } as MessageEvent<SearchReply>);
      }, 0);
    },
    terminate: () => {
      terminated = true;
    },
  };
  return worker;
};
