import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../src/main/app/app-menu';

const noop = { addProject: () => undefined, showWindow: () => undefined };

function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.map((item) => item.label ?? item.role ?? item.type ?? '?');
}

function fileMenu(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const file = appMenuTemplate(platform, noop).find((item) => item.label === 'File');
  return file?.submenu as MenuItemConstructorOptions[];
}

describe('appMenuTemplate', () => {
  it('adds a project with Ctrl/Cmd+O and quits from File on Linux and Windows', () => {
    expect(labels(appMenuTemplate('linux', noop))).toEqual([
      'File',
      'editMenu',
      'View',
      'windowMenu',
    ]);
    expect(fileMenu('win32')).toMatchObject([
      { label: 'Add Project…', accelerator: 'CmdOrCtrl+O' },
      { label: 'Show Parity' },
      { type: 'separator' },
      { role: 'quit' },
    ]);
  });

  it('has the application menu first on macOS, where File closes the window', () => {
    expect(labels(appMenuTemplate('darwin', noop))[0]).toBe('appMenu');
    expect(fileMenu('darwin').at(-1)).toEqual({ role: 'close' });
  });

  it('runs the action it was given', () => {
    let added = 0;
    const file = appMenuTemplate('linux', { ...noop, addProject: () => added++ }).find(
      (item) => item.label === 'File',
    );
    const add = (file?.submenu as MenuItemConstructorOptions[])[0];
    (add?.click as () => void)();
    expect(added).toBe(1);
  });

  // The accelerators Electron gives these roles (docs: MenuItem roles), per platform.
  const ROLE_KEYS: Record<string, (mac: boolean) => string[]> = {
    appMenu: () => ['CmdOrCtrl+H', 'Alt+CmdOrCtrl+H', 'CmdOrCtrl+Q'],
    editMenu: () => [
      'CmdOrCtrl+Z',
      'Shift+CmdOrCtrl+Z',
      'CmdOrCtrl+X',
      'CmdOrCtrl+C',
      'CmdOrCtrl+V',
      'CmdOrCtrl+A',
    ],
    windowMenu: () => ['CmdOrCtrl+M', 'CmdOrCtrl+W'],
    resetZoom: () => ['CmdOrCtrl+0'],
    zoomIn: () => ['CmdOrCtrl+Plus'],
    zoomOut: () => ['CmdOrCtrl+-'],
    togglefullscreen: (mac) => [mac ? 'Ctrl+Cmd+F' : 'F11'],
    close: () => ['CmdOrCtrl+W'],
    quit: (mac) => [mac ? 'CmdOrCtrl+Q' : 'Ctrl+Q'],
  };

  function accelerators(items: MenuItemConstructorOptions[], mac: boolean): string[] {
    return items.flatMap((item) => [
      ...(item.accelerator ? [item.accelerator] : []),
      ...(item.role && !item.accelerator ? (ROLE_KEYS[item.role]?.(mac) ?? []) : []),
      ...(Array.isArray(item.submenu) ? accelerators(item.submenu, mac) : []),
    ]);
  }

  it.each(['linux', 'win32', 'darwin'] as const)(
    'gives each shortcut to one item only on %s (Show Parity is not Actual Size)',
    (platform) => {
      const keys = accelerators(appMenuTemplate(platform, noop), platform === 'darwin')
        // windowMenu's Close and File's Close are the same role on macOS.
        .map((key) => key.replace('Shift+CmdOrCtrl', 'CmdOrCtrl+Shift'));
      const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
      expect(
        platform === 'darwin' ? repeated.filter((k) => k !== 'CmdOrCtrl+W') : repeated,
      ).toEqual([]);
      expect(fileMenu(platform)[1]).toMatchObject({ label: 'Show Parity' });
      expect(fileMenu(platform)[1]?.accelerator).not.toBe('CmdOrCtrl+0');
    },
  );
});
