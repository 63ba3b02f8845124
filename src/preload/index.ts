// The renderer's one door to the core: one function per request of the contract, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, ipcChannel, type ApiMethod } from '../shared/api/methods';
import type { ParityBridge } from '../shared/api/bridge';

const bridge = {
  invoke: (method: ApiMethod, params: unknown): Promise<unknown> => {
    if (!API_METHODS.includes(method))
      return Promise.reject(new Error(`Unknown request ${method}`));
    return ipcRenderer.invoke(ipcChannel(method), params);
  },
} satisfies ParityBridge;

contextBridge.exposeInMainWorld('parity', bridge);
