import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { app } from 'electron';

// The app's log: <logs>/main.log (~/Library/Logs/Parity on macOS, userData/logs elsewhere).
const logFile = (): string => {
  const directory = app.getPath('logs');
  mkdirSync(directory, { recursive: true });
  return join(directory, 'main.log');
};

/** Appends one line to the app's log file, and to stderr for whoever runs it from a terminal. */
export function logMain(message: string, error?: unknown): void {
  const detail = error === undefined ? '' : `: ${inspect(error)}`;
  const line = `${new Date().toISOString()} ${message}${detail}\n`;
  process.stderr.write(line);
  try {
    appendFileSync(logFile(), line);
  } catch {
    // A log that cannot be written must not take the app down with it.
  }
}

/**
 * Logs every rejection nobody handled to the app's log file, where a bug report can find it
 * (Electron only warns on a console no user sees). Uncaught exceptions are logged too and keep
 * Electron's own handling (its error dialog).
 */
export function setupMainLog(): void {
  process.on('unhandledRejection', (reason) => logMain('unhandled rejection', reason));
  process.on('uncaughtExceptionMonitor', (error) => logMain('uncaught exception', error));
}
