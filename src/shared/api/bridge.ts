import type { ApiMethod } from './methods';

/**
 * What the preload exposes as `window.parity`: requests of the contract only, each answered
 * with a reply envelope that the renderer's client validates.
 */
export interface ParityBridge {
  invoke(method: ApiMethod, params: unknown): Promise<unknown>;
}
