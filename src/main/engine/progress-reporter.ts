import type { ServicePhase, ServiceProgress } from '../../shared/progress';

/** Reports one step of one service; the time is counted from when the reporter was made. */
export type Report = (
  service: string,
  phase: ServicePhase,
  detail?: string,
  /** How far a pull or build is, 0 to 1, when known. */
  fraction?: number,
) => void;

/** A reporter for one operation (up, down, stop...), timing every step from its start. */
export function progressReporter(onProgress?: (progress: ServiceProgress) => void): Report {
  const began = Date.now();
  return (service, phase, detail, fraction) =>
    onProgress?.({
      service,
      phase,
      elapsedMs: Date.now() - began,
      ...(detail ? { detail } : {}),
      ...(fraction === undefined ? {} : { fraction }),
    });
}
