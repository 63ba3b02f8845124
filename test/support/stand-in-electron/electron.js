// A stand-in for the `electron` module, for running the built main bundle under plain Node
// where no Electron binary can be downloaded. It does what the app's calls need, reports each
// thing a user would see (a window, its showing, the tray's menu, a notification) to the test
// over the fork's IPC channel, and takes the user's moves (a second launch, a Dock click, a
// tray menu click) from it. Only what Parity's main process calls is here.
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const started = performance.now();

function report(event, data = {}) {
  const message = { event, ms: Math.round(performance.now() - started), ...data };
  if (process.send) process.send(message);
  else process.stderr.write(`${JSON.stringify(message)}\n`);
}

const userData = process.env.STAND_IN_USER_DATA ?? join(process.cwd(), '.stand-in-user-data');

class App extends EventEmitter {
  isPackaged = false;
  name = 'Parity';
  #ready = false;
  #readyPromise = new Promise((resolve) =>
    // After the bundle's top level has run, as Electron's ready comes after the main script.
    setTimeout(() => {
      this.#ready = true;
      report('app.ready');
      this.emit('ready');
      resolve();
    }, 20),
  );
  whenReady() {
    return this.#readyPromise;
  }
  isReady() {
    return this.#ready;
  }
  requestSingleInstanceLock() {
    return process.env.STAND_IN_LOCK !== 'taken';
  }
  quit() {
    report('app.quit');
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    for (const window of [...windows]) window.destroy();
    this.emit('will-quit', { preventDefault: () => undefined });
    setImmediate(() => process.exit(0));
  }
  exit(code = 0) {
    process.exit(code);
  }
  getAppPath() {
    return process.env.STAND_IN_APP_PATH ?? process.cwd();
  }
  getPath(name) {
    const path = name === 'logs' ? join(userData, 'logs') : userData;
    mkdirSync(path, { recursive: true });
    return path;
  }
  getVersion() {
    return '0.0.0-stand-in';
  }
  getName() {
    return this.name;
  }
  setAppUserModelId(id) {
    report('app.setAppUserModelId', { id });
  }
  setLoginItemSettings(settings) {
    report('app.setLoginItemSettings', { openAtLogin: settings.openAtLogin });
  }
  getLoginItemSettings() {
    return { openAtLogin: false, wasOpenedAtLogin: false };
  }
}

export const app = new App();

const windows = new Set();
let nextContentsId = 1;

class WebContents extends EventEmitter {
  id = nextContentsId++;
  #destroyed = false;
  setWindowOpenHandler() {}
  send() {}
  isDestroyed() {
    return this.#destroyed;
  }
  destroy() {
    this.#destroyed = true;
    this.emit('destroyed');
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return [...windows];
  }
  #visible = false;
  #minimized = false;
  #destroyed = false;
  constructor(options = {}) {
    super();
    this.webContents = new WebContents();
    windows.add(this);
    report('window.created', { count: windows.size, title: options.title });
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadFile(file, options = {}) {
    report('window.load', { file, hash: options.hash ?? '' });
    setImmediate(() => !this.#destroyed && this.emit('ready-to-show'));
  }
  async loadURL(url) {
    report('window.load', { url });
    setImmediate(() => !this.#destroyed && this.emit('ready-to-show'));
  }
  show() {
    this.#visible = true;
    this.#minimized = false;
    report('window.shown', { count: windows.size });
  }
  focus() {}
  isVisible() {
    return this.#visible;
  }
  isMinimized() {
    return this.#minimized;
  }
  restore() {
    this.#minimized = false;
  }
  maximize() {}
  isMaximized() {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1200, height: 800 };
  }
  isDestroyed() {
    return this.#destroyed;
  }
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }
  destroy() {
    if (this.#destroyed) return;
    this.#destroyed = true;
    windows.delete(this);
    this.webContents.destroy();
    report('window.closed', { count: windows.size });
    this.emit('closed');
    if (windows.size === 0) app.emit('window-all-closed');
  }
}

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu(menu) {
    report('menu', { items: flatten(menu?.template ?? []) });
  },
};

export const nativeImage = {
  createFromPath: (path) => ({ path }),
};

class NativeTheme extends EventEmitter {
  #source = 'system';
  get themeSource() {
    return this.#source;
  }
  // Electron tells its listeners when the app's choice changes the colours.
  set themeSource(source) {
    const before = this.shouldUseDarkColors;
    this.#source = source;
    if (this.shouldUseDarkColors !== before) this.emit('updated');
  }
  get shouldUseDarkColors() {
    return this.themeSource === 'dark' || (this.themeSource === 'system' && systemDark());
  }
  get shouldUseDarkColorsForSystemIntegratedUI() {
    return systemDark();
  }
}
const systemDark = () => process.env.STAND_IN_SYSTEM_DARK === '1';
export const nativeTheme = new NativeTheme();

// The tray icons shown now (Parity makes one).
const trays = new Set();

export class Tray extends EventEmitter {
  #menu = [];
  constructor(image) {
    super();
    trays.add(this);
    report('tray.created', { icon: image.path });
  }
  setImage(image) {
    report('tray.icon', { icon: image.path });
  }
  setToolTip(text) {
    report('tray.tooltip', { text });
  }
  setContextMenu(menu) {
    this.#menu = menu.template;
    report('tray.menu', { items: flatten(this.#menu) });
  }
  click(labels) {
    const item = find(this.#menu, labels);
    if (!item?.click) throw new Error(`no tray menu item ${labels.join(' > ')}`);
    item.click();
  }
  destroy() {
    trays.delete(this);
  }
}

export class Notification {
  constructor(options) {
    this.options = options;
  }
  show() {
    report('notification', { title: this.options.title, body: this.options.body });
  }
  on() {}
  static isSupported() {
    return true;
  }
}

export const dialog = {
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showMessageBox: async () => ({ response: 1 }),
  showErrorBox: (title, content) => report('dialog.error', { title, content }),
};

export const shell = {
  openExternal: async (url) => report('shell.openExternal', { url }),
  openPath: async () => '',
};

const handlers = new Map();
export const ipcMain = {
  handle: (channel, handler) => handlers.set(channel, handler),
  removeHandler: (channel) => handlers.delete(channel),
  on() {},
};

export const contextBridge = { exposeInMainWorld() {} };
export const ipcRenderer = { invoke: async () => undefined, on() {}, removeListener() {} };

// Labels (with accelerators) of a menu template, submenus as "Parent > Child".
function flatten(items, prefix = '') {
  return items.flatMap((item) => {
    if (item.type === 'separator') return [];
    const label = `${prefix}${item.label ?? item.role ?? ''}`;
    const own = { label, enabled: item.enabled !== false, accelerator: item.accelerator ?? null };
    return Array.isArray(item.submenu) ? [own, ...flatten(item.submenu, `${label} > `)] : [own];
  });
}

function find(items, [first, ...rest]) {
  const item = items.find((candidate) => candidate.label === first);
  if (!item || rest.length === 0) return item;
  return Array.isArray(item.submenu) ? find(item.submenu, rest) : undefined;
}

// The user's moves, sent by the test.
process.on('message', (message) => {
  switch (message.do) {
    case 'second-instance':
      app.emit('second-instance', {}, message.argv, message.cwd);
      break;
    case 'activate':
      app.emit('activate', {}, windows.size > 0);
      break;
    case 'close-windows':
      for (const window of [...windows]) window.close();
      break;
    case 'tray-click':
      for (const tray of trays) tray.click(message.labels);
      break;
  }
});

// electron-store imports Electron's default export.
// eslint-disable-next-line no-restricted-syntax
export default {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  screen,
  shell,
  Tray,
};
