// The renderer's one door to the core: one function per request of the contract, and the
// contract's events, nothing else.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { API_METHODS, IPC_EVENT_CHANNEL, ipcChannel, type ApiMethod } from '../shared/api/methods';
import type { ParityBridge } from '../shared/api/bridge';

const bridge = {
  invoke: (method: ApiMethod, params: unknown): Promise<unknown> => {
    if (!API_METHODS.includes(method))
      return Promise.reject(new Error(`Unknown request ${method}`));
    return ipcRenderer.invoke(ipcChannel(method), params);
  },
  onEvent: (listener: (frame: unknown) => void): (() => void) => {
    // The IPC event object (with its sender) never reaches the page: only the frame does.
    const forward = (_event: IpcRendererEvent, frame: unknown): void => listener(frame);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
  // A dropped folder's path, which the sandboxed page cannot read from the File itself.
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
} satisfies ParityBridge;

contextBridge.exposeInMainWorld('parity', bridge);
