import { app, dialog, Menu, nativeTheme, Notification } from 'electron';
import type { Settings } from '../../shared/settings';
import { createApi } from '../api/create-api';
import { engineFromSettings } from '../api/engine-from-settings';
import { projectsToStartAtLogin } from '../settings/autostart';
import { describeRecovery } from '../settings/settings-file';
import { untrustedSummary } from '../trust/untrusted-summary';
import { APP_ID } from './app-id';
import { appMenuTemplate } from './app-menu';
import { setupApiIpc } from './ipc-main';
import { applyStartAtLogin, wasStartedAtLogin } from './login-items';
import { logMain, setupMainLog } from './main-log';
import { ElectronSettingsStore } from './settings-store';
import { foldersIn, setupSingleInstance } from './single-instance';
import { setupTraces } from './setup-traces';
import { setupTray } from './setup-tray';
import { trackSystemAppearance } from './system-appearance';
import { setupWindowHardening, showMainWindow } from './windows';

// A second launch before the API existed waits here (with its folders); it is served at once
// after, bringing the window up even when this run started at login.
let waitingLaunch: string[] | null = null;
let openFolders: (folders: string[]) => void = (folders) => {
  waitingLaunch = [...(waitingLaunch ?? []), ...folders];
};

// The Electron main process: a composition of small setupX() modules.
setupMainLog();
// Before any notification: toasts go out under the installer's shortcut id.
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
if (setupSingleInstance((folders) => openFolders(folders))) {
  setupWindowHardening();
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logMain('Parity could not start', error);
      dialog.showErrorBox('Parity could not start', String(error));
      app.quit();
    });
  // Parity lives on in the tray when its window closes; Quit is in the tray menu.
  app.on('window-all-closed', () => undefined);
}

// Everything up to the window is synchronous: no engine round trip stands before it. The tray
// then reads the engine in the background and shows what it finds (down, slow, erroring).
function start(): void {
  const settings = new ElectronSettingsStore(undefined, (recovery) =>
    new Notification({
      title: 'Parity settings were reset',
      body: describeRecovery(recovery),
    }).show(),
  );
  // DOCKER_HOST and DOCKER_CONTEXT win, as with every Docker tool; then the Settings choice.
  const { engine, problem } = engineFromSettings(process.env, settings.read().engineEndpoint);
  if (problem !== null) {
    new Notification({ title: 'Parity opened the local Docker engine', body: problem }).show();
  }
  const api = createApi({ engine, settings, env: process.env });
  setupApiIpc(api);
  setupTraces(api);
  // Before the app's theme is applied: the tray's icon follows the system's panel, not it.
  trackSystemAppearance();
  applySettingsOnChange(settings);
  const startedAtLogin = wasStartedAtLogin();
  // showMainWindow creates the window only when there is none: a second launch while this one
  // starts, a Dock click, and this line together still make one window.
  if (!startedAtLogin) showMainWindow();

  const { session: appSession } = api.sessions.open(() => undefined);
  const addFolders = (folders: string[]): void => {
    for (const directory of folders) {
      api.handlers['projects.add']({ directory }, appSession).catch((error: unknown) =>
        new Notification({
          title: `Parity could not open ${directory}`,
          body: error instanceof Error ? error.message : String(error),
        }).show(),
      );
    }
  };
  openFolders = (folders) => {
    showMainWindow();
    addFolders(folders);
  };
  if (waitingLaunch !== null) openFolders(waitingLaunch);
  // macOS: a click on the Dock icon, or opening Parity again from Finder, while it lives on in
  // the menu bar with no window.
  app.on('activate', () => void showMainWindow());
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(process.platform, {
        addProject: () => void chooseFolders().then(addFolders),
        showWindow: () => void showMainWindow(),
      }),
    ),
  );
  setupTray(
    api,
    (target) => void showMainWindow(target),
    () => new Set(settings.read().projects.map((p) => p.directory)),
  ).catch((error: unknown) => logMain('the tray could not read the engine', error));

  if (!startedAtLogin) {
    // Folders on the command line open as projects: `parity-app ~/code/shop`.
    addFolders(foldersIn(process.argv.slice(1), process.cwd()));
    return;
  }
  // Started at login: stay in the tray and bring up the projects marked for it.
  for (const project of projectsToStartAtLogin(settings.read())) {
    // Only what was trusted starts: a stack whose files now ask for more is left stopped.
    api.handlers['stack.up']({ project }, appSession).then(
      ({ needsTrust }) => {
        if (needsTrust) {
          new Notification({
            title: `Parity did not start ${project}`,
            body: untrustedSummary(needsTrust),
          }).show();
        }
      },
      (error: unknown) =>
        new Notification({
          title: `Parity could not start ${project}`,
          body: error instanceof Error ? error.message : String(error),
        }).show(),
    );
  }
}

// Theme and start-at-login follow the settings, whoever changes them (the UI or the CLI).
function applySettingsOnChange(settings: ElectronSettingsStore): void {
  let loginItem: boolean | null = null;
  const apply = (current: Settings): void => {
    nativeTheme.themeSource = current.theme;
    if (current.startAtLogin !== loginItem) applyStartAtLogin((loginItem = current.startAtLogin));
  };
  apply(settings.read());
  settings.onChange(apply);
}

// The folder dialog of "Add Project…": the folders holding a compose.yaml.
async function chooseFolders(): Promise<string[]> {
  const { canceled, filePaths } = await dialog.showOpenDialog({
    title: 'Add a project folder (the one with compose.yaml)',
    properties: ['openDirectory', 'multiSelections'],
  });
  return canceled ? [] : filePaths;
}
