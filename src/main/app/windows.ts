import { dirname, join } from 'node:path';
import { app, BrowserWindow, screen, shell } from 'electron';
import type { Navigation } from '../../shared/api/event-contract';
import { settingsFilePath } from '../settings/settings-path';
import { isPublishedServiceUrl } from './external-links';
import { readWindowBounds, restorableBounds, writeWindowBounds } from './window-bounds';

const windowIds = new Set<number>();

/** Whether an IPC sender is the renderer of a window this app created. */
export function isAppWindow(webContentsId: number): boolean {
  return windowIds.has(webContentsId);
}

// Beside the settings file, but not in it: the CLI shares settings, not window places.
const boundsFile = (): string => join(dirname(settingsFilePath()), 'window-state.json');

/** The main window, hardened in one place: sandboxed, isolated, no Node in the page. */
export function createMainWindow(target?: Navigation): BrowserWindow {
  const bounds = restorableBounds(
    readWindowBounds(boundsFile()),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    width: bounds?.width ?? 1200,
    height: bounds?.height ?? 800,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 640,
    minHeight: 420,
    title: 'Parity',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const id = window.webContents.id;
  windowIds.add(id);
  window.on('closed', () => windowIds.delete(id));
  window.once('ready-to-show', () => {
    if (bounds?.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    writeWindowBounds(boundsFile(), {
      ...window.getNormalBounds(),
      maximized: window.isMaximized(),
    });
  });

  const devServer = process.env.ELECTRON_RENDERER_URL;
  // A window opened for a project's tab reads it from its address (its session, which would
  // carry a navigate event, opens only with the page's first request).
  const hash = target ? new URLSearchParams(target).toString() : '';
  if (!app.isPackaged && devServer) void window.loadURL(hash ? `${devServer}#${hash}` : devServer);
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'), { hash });
  return window;
}

/** Brings the main window to the front, creating it when there is none (tray, notifications). */
export function showMainWindow(target?: Navigation): BrowserWindow {
  const existing = BrowserWindow.getAllWindows().find((w) => isAppWindow(w.webContents.id));
  if (!existing) return createMainWindow(target);
  if (existing.isMinimized()) existing.restore();
  existing.show();
  existing.focus();
  return existing;
}

/** Denies navigation, new windows and webviews in every window; opens vetted links outside. */
export function setupWindowHardening(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isPublishedServiceUrl(url, publishedPorts)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

// Host ports the stacks publish now, refreshed as they change (setupTray does it).
let publishedPorts: ReadonlySet<number> = new Set();

/** Tells the window hardening which host ports links may open in the browser. */
export function setPublishedPorts(ports: ReadonlySet<number>): void {
  publishedPorts = ports;
}
