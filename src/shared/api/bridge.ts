import type { ApiMethod } from './methods';

/**
 * What the preload exposes as `window.parity`: requests of the contract, each answered with a
 * reply envelope, and the pushed event frames; the renderer's clients validate both.
 */
export interface ParityBridge {
  invoke: (method: ApiMethod, params: unknown) => Promise<unknown>;
  /** Calls `listener` with each event frame; returns the unsubscribe. */
  onEvent: (listener: (frame: unknown) => void) => () => void;
  /** Where a file or folder dropped on the window is on disk (the desktop app only). */
  pathForFile?: (file: File) => string;
}
