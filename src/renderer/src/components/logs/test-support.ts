// For component tests: animation frames that run when the test says.
import type { Scheduler } from './log-feed';

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
