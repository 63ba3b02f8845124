import type { DriftResult } from '../../shared/api/contract';
import { openDriftCount, type DriftSummary } from '../../shared/drift-summary';
import type { LoadResult } from '../config/load-project';
import { projectDrift } from './project-drift';

/**
 * Each project's drift report, computed when first asked for and again after its files
 * change: summaries are refreshed on every container event, the report only on edits.
 */
export class DriftCache {
  private readonly results = new Map<string, DriftResult>();

  constructor(private readonly load: (id: string) => LoadResult) {}

  get(id: string): DriftResult {
    let result = this.results.get(id);
    if (!result) this.results.set(id, (result = projectDrift(this.load(id))));
    return result;
  }

  /** The open drifts, as the Drift tab counts them; null when there is no report. */
  count(id: string): number | null {
    const result = this.get(id);
    return result.available ? openDriftCount(result.summary) : null;
  }

  summary(id: string): DriftSummary | null {
    const result = this.get(id);
    return result.available ? result.summary : null;
  }

  forget(id: string): void {
    this.results.delete(id);
  }
}
