// The only file that touches ipcMain: every request goes through the contract's dispatch.
import { ipcMain } from 'electron';
import type { ApiHandlers } from '../../shared/api/contract';
import { encodeError } from '../../shared/api/envelope';
import { API_METHODS, ipcChannel } from '../../shared/api/methods';
import { dispatch, InvalidRequestError } from '../api/dispatch';
import { isAppWindow } from './windows';

/** Serves the API contract over Electron IPC, to the app's own windows only. */
export function setupApiIpc(handlers: ApiHandlers): void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), (event, params: unknown) => {
      if (!isAppWindow(event.sender.id)) {
        return encodeError(new InvalidRequestError('IPC from a window Parity did not create'));
      }
      return dispatch(handlers, method, params);
    });
  }
}
