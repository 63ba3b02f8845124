import { app, dialog, Menu, nativeTheme, Notification } from 'electron';
import type { Settings } from '../../shared/settings';
import { createApi } from '../api/create-api';
import { engineFromSettings } from '../api/engine-from-settings';
import { projectsToStartAtLogin } from '../settings/autostart';
import { describeRecovery } from '../settings/settings-file';
import { untrustedSummary } from '../trust/untrusted-summary';
import { appMenuTemplate } from './app-menu';
import { setupApiIpc } from './ipc-main';
import { applyStartAtLogin, wasStartedAtLogin } from './login-items';
import { ElectronSettingsStore } from './settings-store';
import { foldersIn, setupSingleInstance } from './single-instance';
import { setupTray } from './setup-tray';
import { createMainWindow, setupWindowHardening, showMainWindow } from './windows';

// Folders a second launch passed, handed to the API once it exists.
let openFolders: (folders: string[]) => void = () => undefined;

// The Electron main process: a composition of small setupX() modules.
if (setupSingleInstance((folders) => openFolders(folders))) {
  setupWindowHardening();
  void app.whenReady().then(async () => {
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
    applySettingsOnChange(settings);
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
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate(process.platform, {
          addProject: () => void chooseFolders().then(addFolders),
          showWindow: () => void showMainWindow(),
        }),
      ),
    );
    await setupTray(
      api,
      (target) => void showMainWindow(target),
      () => new Set(settings.read().projects.map((p) => p.directory)),
    );
    if (!wasStartedAtLogin()) {
      createMainWindow();
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
  });
  // Parity lives on in the tray when its window closes; Quit is in the tray menu.
  app.on('window-all-closed', () => undefined);
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
