import type { MenuItemConstructorOptions } from 'electron';

/** What the menu's own items do; everything else is a standard role. */
export interface AppMenuActions {
  addProject: () => void;
  showWindow: () => void;
}

/**
 * The native application menu: Add Project… (Ctrl/Cmd+O) and the standard Edit, View and
 * Window menus, so copy, paste, zoom and full screen work with their usual shortcuts. A pure
 * function of the platform, so that it is tested without Electron.
 */
export function appMenuTemplate(
  platform: NodeJS.Platform,
  actions: AppMenuActions,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Add Project…', accelerator: 'CmdOrCtrl+O', click: actions.addProject },
      // Not CmdOrCtrl+0: View's Actual Size (resetZoom) has it.
      { label: 'Show Parity', accelerator: 'CmdOrCtrl+Shift+P', click: actions.showWindow },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}
