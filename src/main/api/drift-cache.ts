import type { DriftResult } from '../../shared/api/contract';
import { openDriftCount, type DriftSummary } from '../../shared/drift-summary';

/** A drift count as far as it is known now: a number, none (null) or still being computed. */
export type KnownCount = { pending: false; count: number | null } | { pending: true };

/**
 * Each project's drift report, computed when first asked for and again after its files
 * change: summaries are refreshed on every container event, the report only on edits. A
 * report being computed is shared by everyone who asks meanwhile.
 */
export class DriftCache {
  private readonly results = new Map<string, Promise<DriftResult>>();
  // The reports that have arrived, so a summary can say its count without waiting for one that
  // has not (a production render that hangs until the time limit).
  private readonly settled = new Map<string, DriftResult>();

  constructor(private readonly compute: (id: string) => Promise<DriftResult>) {}

  /** The report, computed once per version of the files. */
  get(id: string): Promise<DriftResult> {
    let result = this.results.get(id);
    if (!result) {
      const computing = this.compute(id);
      result = computing;
      this.results.set(id, computing);
      computing.then(
        (done) => {
          if (this.results.get(id) === computing) this.settled.set(id, done);
        },
        // A request that failed (the project was removed meanwhile) is not kept.
        () => {
          if (this.results.get(id) === computing) this.results.delete(id);
        },
      );
    }
    return result;
  }

  /** The open drifts, as the Drift tab counts them; null when there is no report. */
  async count(id: string): Promise<number | null> {
    return countOf(await this.get(id));
  }

  /**
   * The count if the report has arrived; else pending, and the report is asked for (`get`
   * tells when it arrives).
   */
  known(id: string): KnownCount {
    const done = this.settled.get(id);
    if (done) return { pending: false, count: countOf(done) };
    void this.get(id).catch(() => undefined);
    return { pending: true };
  }

  /** The report's summary; null when there is no report. */
  async summary(id: string): Promise<DriftSummary | null> {
    const result = await this.get(id);
    return result.available ? result.summary : null;
  }

  /** Drops the report: the files changed. */
  forget(id: string): void {
    this.results.delete(id);
    this.settled.delete(id);
  }
}

function countOf(result: DriftResult): number | null {
  return result.available ? openDriftCount(result.summary) : null;
}
