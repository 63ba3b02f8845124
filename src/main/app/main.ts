import { app } from 'electron';
import { createApi } from '../api/create-api';
import { DockerEngine } from '../engine/docker-engine';
import { setupApiIpc } from './ipc-main';
import { ElectronSettingsStore } from './settings-store';
import { setupSingleInstance } from './single-instance';
import { createMainWindow, setupWindowHardening } from './windows';

// The Electron main process: a composition of small setupX() modules.
if (setupSingleInstance()) {
  setupWindowHardening();
  void app.whenReady().then(() => {
    const settings = new ElectronSettingsStore();
    const endpoint = process.env.DOCKER_HOST ?? settings.read().engineEndpoint ?? undefined;
    const api = createApi({
      engine: DockerEngine.fromEnvironment({ ...process.env, DOCKER_HOST: endpoint }),
      settings,
      env: process.env,
    });
    setupApiIpc(api);
    createMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
