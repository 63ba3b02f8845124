// Electron's IPC modules as the contract tests need them where no Electron binary exists:
// one window, and every payload structured-cloned as Electron's IPC does.
type Handler = (event: { sender: FakeWebContents }, params: unknown) => unknown;
type RendererListener = (event: unknown, payload: unknown) => void;

const handlers = new Map<string, Handler>();
const rendererListeners = new Map<string, Set<RendererListener>>();

/** What the preload exposed with contextBridge, by key. */
export const exposed: Record<string, unknown> = {};

/** The one window's web contents. */
export class FakeWebContents {
  readonly id = 1;
  private destroyed = false;
  private readonly onDestroyed: (() => void)[] = [];

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, payload: unknown): void {
    for (const listener of rendererListeners.get(channel) ?? []) {
      listener({}, structuredClone(payload));
    }
  }

  once(event: string, listener: () => void): void {
    if (event === 'destroyed') this.onDestroyed.push(listener);
  }

  /** Closes the window. */
  destroy(): void {
    this.destroyed = true;
    for (const listener of this.onDestroyed.splice(0)) listener();
  }
}

export const window = new FakeWebContents();

export const ipcMain = {
  handle(channel: string, handler: Handler): void {
    if (handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, handler);
  },
};

export const ipcRenderer = {
  async invoke(channel: string, params: unknown): Promise<unknown> {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler({ sender: window }, structuredClone(params)));
  },
  on(channel: string, listener: RendererListener): void {
    let set = rendererListeners.get(channel);
    if (!set) rendererListeners.set(channel, (set = new Set()));
    set.add(listener);
  },
  removeListener(channel: string, listener: RendererListener): void {
    rendererListeners.get(channel)?.delete(listener);
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    exposed[key] = api;
  },
};
