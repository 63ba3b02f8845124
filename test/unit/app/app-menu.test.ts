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
});
