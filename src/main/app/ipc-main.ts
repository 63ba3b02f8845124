// The only file that touches ipcMain: every request goes through the contract's dispatch, and
// every event leaves on one channel.
import { ipcMain, type WebContents } from 'electron';
import { encodeError } from '../../shared/api/envelope';
import { API_METHODS, IPC_EVENT_CHANNEL, ipcChannel } from '../../shared/api/methods';
import type { ParityApi } from '../api/create-api';
import { dispatch, InvalidRequestError } from '../api/dispatch';
import type { OpenSession } from '../api/sessions';
import { isAppWindow } from './windows';

/** Serves the API contract over Electron IPC, to the app's own windows only. */
export function setupApiIpc(api: Pick<ParityApi, 'handlers' | 'sessions'>): void {
  // A window's session opens with its first request (the page asks for state before it
  // listens for changes) and closes with the window.
  const sessions = new Map<number, OpenSession>();
  const sessionOf = (contents: WebContents): OpenSession => {
    let open = sessions.get(contents.id);
    if (!open) {
      open = api.sessions.open((event) => {
        if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
      });
      sessions.set(contents.id, open);
      contents.once('destroyed', () => {
        sessions.get(contents.id)?.close();
        sessions.delete(contents.id);
      });
    }
    return open;
  };
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), (event, params: unknown) => {
      if (!isAppWindow(event.sender.id)) {
        return encodeError(new InvalidRequestError('IPC from a window Parity did not create'));
      }
      return dispatch(api.handlers, method, params, sessionOf(event.sender).session);
    });
  }
}
