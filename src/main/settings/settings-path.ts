import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/** Names another settings file (tests, a second profile); the CLI, serve and the app obey it. */
export const SETTINGS_PATH_ENV = 'PARITY_SETTINGS';

// Electron's userData is <appData>/<app name> and electron-store keeps config.json there. The
// name is electron-builder.yml's productName. Electron itself takes it from package.json, which
// has no productName (so "parity"): the app's store is therefore given this folder explicitly,
// and the CLI, the app run from source and the installed app all share one file.
/** The app's name, as its user-data folder is called. */
export const APP_NAME = 'Parity';
const FILE_NAME = 'config.json';

/** Where the settings file is, as the app (electron-store) and the CLI both find it. */
export function settingsFilePath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = env[SETTINGS_PATH_ENV];
  if (override) return override;
  return userDataPath(env, platform, home, FILE_NAME);
}

// Electron's appData per platform (its app.getPath('appData')), plus the app's own folder.
function userDataPath(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  home: string,
  file: string,
): string {
  if (platform === 'win32') {
    return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), APP_NAME, file);
  }
  if (platform === 'darwin') {
    return posix.join(home, 'Library', 'Application Support', APP_NAME, file);
  }
  // Chromium takes XDG_CONFIG_HOME as it is when set and non-empty, else ~/.config.
  return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), APP_NAME, file);
}
