import type { DriftResult } from '../../shared/api/contract';
import { openDriftCount, type DriftSummary } from '../../shared/drift-summary';

/**
 * Each project's drift report, computed when first asked for and again after its files
 * change: summaries are refreshed on every container event, the report only on edits. A
 * report being computed is shared by everyone who asks meanwhile.
 */
export class DriftCache {
  private readonly results = new Map<string, Promise<DriftResult>>();

  constructor(private readonly compute: (id: string) => Promise<DriftResult>) {}

  /** The report, computed once per version of the files. */
  get(id: string): Promise<DriftResult> {
    let result = this.results.get(id);
    if (!result) {
      result = this.compute(id);
      this.results.set(id, result);
      // A request that failed (the project was removed meanwhile) is not kept.
      result.catch(() => {
        if (this.results.get(id) === result) this.results.delete(id);
      });
    }
    return result;
  }

  /** The open drifts, as the Drift tab counts them; null when there is no report. */
  async count(id: string): Promise<number | null> {
    const result = await this.get(id);
    return result.available ? openDriftCount(result.summary) : null;
  }

  /** The report's summary; null when there is no report. */
  async summary(id: string): Promise<DriftSummary | null> {
    const result = await this.get(id);
    return result.available ? result.summary : null;
  }

  /** Drops the report: the files changed. */
  forget(id: string): void {
    this.results.delete(id);
  }
}
