import type { ServiceProgress } from '../../shared/progress';

const SYMBOL: Partial<Record<ServiceProgress['phase'], string>> = {
  started: '✔',
  healthy: '✔',
  unchanged: '✔',
  removed: '✔',
  stopped: '✔',
  failed: '✘',
  orphaned: '!',
};

/**
 * Prints one line per service step: `✔ api  healthy  2.1s`. Build and pull output is shown
 * only when the terminal is not a TTY-less CI log flooded by it (verbose).
 */
export function progressPrinter(
  write: (text: string) => void,
  verbose: boolean,
): (progress: ServiceProgress) => void {
  return (progress) => {
    const isStream =
      (progress.phase === 'building' || progress.phase === 'pulling') &&
      progress.detail !== undefined;
    if (isStream && !verbose) return;
    const symbol = SYMBOL[progress.phase] ?? '•';
    const seconds = `${(progress.elapsedMs / 1000).toFixed(1)}s`;
    const detail = progress.detail ? `  ${progress.detail}` : '';
    write(
      `${symbol} ${progress.service.padEnd(16)} ${progress.phase.padEnd(10)} ${seconds.padStart(6)}${detail}\n`,
    );
  };
}
