import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { app } from 'electron';

/**
 * Keeps one Parity running: a second launch quits and hands its folder arguments to the first
 * (`parity-app ~/code/shop` opens that project), which then comes to the front.
 */
export function setupSingleInstance(onSecondLaunch: (folders: string[]) => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => {
    onSecondLaunch(foldersIn(argv.slice(1), workingDirectory));
  });
  return true;
}

/** The arguments that name folders (not flags, not the app's own path). */
export function foldersIn(args: readonly string[], workingDirectory: string): string[] {
  const appPath = app.getAppPath();
  return args
    .filter((arg) => !arg.startsWith('-'))
    .map((arg) => resolve(workingDirectory, arg))
    .filter((path) => path !== appPath && statSync(path, { throwIfNoEntry: false })?.isDirectory());
}
