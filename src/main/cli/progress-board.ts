import type { ServicePhase, ServiceProgress } from '../../shared/progress';

const SYMBOL: Partial<Record<ServicePhase, string>> = {
  started: '✔',
  healthy: '✔',
  unchanged: '✔',
  removed: '✔',
  stopped: '✔',
  failed: '✘',
  orphaned: '!',
};

/** The mark a phase is shown with: ✔ done, ✘ failed, ! to look at, • under way. */
export function phaseSymbol(phase: ServicePhase): string {
  return SYMBOL[phase] ?? '•';
}

interface Row {
  phase: ServicePhase;
  firstMs: number;
  lastMs: number;
  detail: string;
  fraction: number | undefined;
}

const DETAIL_WIDTH = 60;

/**
 * One line per service, updated in place: its latest phase, how long it has taken since its
 * first step, and its latest detail (a build's last output line, why it failed).
 */
export class ProgressBoard {
  private readonly rows = new Map<string, Row>();

  /** Takes one step of one service. */
  update(progress: ServiceProgress): void {
    const row = this.rows.get(progress.service);
    const samePhase = row !== undefined && progress.phase === row.phase;
    const detail = progress.detail ?? (samePhase ? row.detail : '');
    this.rows.set(progress.service, {
      phase: progress.phase,
      firstMs: row?.firstMs ?? progress.elapsedMs,
      lastMs: progress.elapsedMs,
      detail,
      fraction: progress.fraction ?? (samePhase ? row.fraction : undefined),
    });
  }

  /** The lines to show, services in the order they first appeared. */
  lines(): string[] {
    const width = Math.max(0, ...[...this.rows.keys()].map((name) => name.length));
    return [...this.rows].map(([service, row]) => {
      const seconds = `${((row.lastMs - row.firstMs) / 1000).toFixed(1)}s`;
      const percent = row.fraction === undefined ? '' : ` ${percentOf(row.fraction).padStart(4)}`;
      const detail = row.detail ? `  ${truncate(row.detail.split('\n').at(-1) ?? '')}` : '';
      return `${phaseSymbol(row.phase)} ${service.padEnd(width)}  ${row.phase.padEnd(10)} ${seconds.padStart(6)}${percent}${detail}`;
    });
  }
}

/** "42%": how far a pull or build is. */
function percentOf(fraction: number): string {
  return `${Math.floor(fraction * 100)}%`;
}

function truncate(text: string): string {
  return text.length > DETAIL_WIDTH ? `${text.slice(0, DETAIL_WIDTH - 1)}…` : text;
}
