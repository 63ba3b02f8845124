import type { ServiceProgress } from '../../shared/progress';
import { escapeControls } from '../../shared/terminal-text';
import type { CliIo } from './command';
import { phaseSymbol, ProgressBoard } from './progress-board';

/** Where progress goes: a terminal gets a live board, a log gets one line per step. */
export interface ProgressTarget {
  write: (text: string) => void;
  isTTY: boolean;
}

/**
 * Progress goes to stderr unescaped (the board moves the cursor), so this printer escapes the
 * service names and build output it quotes itself.
 */
export function progressTarget(io: CliIo): ProgressTarget {
  return { write: io.terminal?.err ?? io.err, isTTY: io.errIsTTY === true };
}

/**
 * The CLI's progress view. On a terminal, one line per service redrawn in place (pulling,
 * building with its latest output line, creating, starting, healthy, with durations). In a
 * log, one line per step; build and pull output only with `verbose`.
 */
export function progressPrinter(
  target: ProgressTarget,
  verbose: boolean,
): (progress: ServiceProgress) => void {
  if (target.isTTY) return liveBoard(target.write);
  return (progress) => {
    const isStream =
      (progress.phase === 'building' || progress.phase === 'pulling') &&
      progress.detail !== undefined;
    if (isStream && !verbose) return;
    const seconds = `${(progress.elapsedMs / 1000).toFixed(1)}s`;
    const detail = progress.detail ? `  ${progress.detail}` : '';
    target.write(
      escapeControls(
        `${phaseSymbol(progress.phase)} ${progress.service.padEnd(16)} ${progress.phase.padEnd(10)} ${seconds.padStart(6)}${detail}`,
      ) + '\n',
    );
  };
}

// Moves the cursor back over the board and redraws it, each line cleared first.
function liveBoard(write: (text: string) => void): (progress: ServiceProgress) => void {
  const board = new ProgressBoard();
  let drawn = 0;
  return (progress) => {
    board.update(progress);
    const lines = board.lines();
    const up = drawn > 0 ? `\x1b[${drawn}A` : '';
    write(`${up}${lines.map((line) => `\x1b[2K${escapeControls(line)}\n`).join('')}`);
    drawn = lines.length;
  };
}
