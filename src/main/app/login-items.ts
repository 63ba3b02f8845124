import { app } from 'electron';
import { autostartFilePath, LOGIN_FLAG, setAutostartEntry } from '../settings/autostart';

/** Makes the system start Parity at login, or stops it: the startAtLogin setting. */
export function applyStartAtLogin(enabled: boolean): void {
  if (process.platform === 'linux') {
    setAutostartEntry(autostartFilePath(), enabled, [...launchCommand(), LOGIN_FLAG]);
    return;
  }
  // `args` is Windows-only; macOS tells wasOpenedAtLogin instead.
  app.setLoginItemSettings({ openAtLogin: enabled, args: [LOGIN_FLAG] });
}

/** Whether this run was started by the system at login (then: tray only, and start projects). */
export function wasStartedAtLogin(): boolean {
  if (process.platform === 'darwin') return app.getLoginItemSettings().wasOpenedAtLogin;
  return process.argv.includes(LOGIN_FLAG);
}

// An AppImage runs from a mount that changes every run: the autostart entry names the image.
// Run from source, it is Electron with the app's folder.
function launchCommand(): string[] {
  if (!app.isPackaged) return [process.execPath, app.getAppPath()];
  return [process.env.APPIMAGE ?? process.execPath];
}
