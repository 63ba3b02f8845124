import { app } from 'electron';
import { createApi } from '../api/create-api';
import { DockerEngine } from '../engine/docker-engine';
import { setupApiIpc } from './ipc-main';
import { setupSingleInstance } from './single-instance';
import { createMainWindow, setupWindowHardening } from './windows';

// The Electron main process: a composition of small setupX() modules.
if (setupSingleInstance()) {
  setupWindowHardening();
  void app.whenReady().then(() => {
    setupApiIpc(createApi({ engine: DockerEngine.fromEnvironment() }));
    createMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
