import { join } from 'node:path';
import {
  app,
  dialog,
  Menu,
  nativeImage,
  nativeTheme,
  Tray,
  type MenuItemConstructorOptions,
  type NativeImage,
} from 'electron';
import { systemPrefersDark } from './system-appearance';
import { trayIconFile } from './tray-icons';
import { trayMenu, type TrayAction, type TrayMenuItem } from './tray-menu';
import { INITIAL_TRAY_STATE, type TrayState } from './tray-state';
import { trayIconState, trayTooltip } from './tray-summary';

/** The tray icon, kept in step with the app's state. */
export interface ParityTray {
  /** Shows `state`: icon, tooltip and menu, each updated only when it changed. */
  refresh(state: TrayState): void;
  destroy(): void;
}

/**
 * Puts Parity in the tray. The menu is built by trayMenu from the state; `onAction` gets what a
 * clicked item asks for (runTrayAction in tray-actions.ts does it).
 */
export function createTray(
  onAction: (action: TrayAction) => void,
  initial: TrayState = INITIAL_TRAY_STATE,
): ParityTray {
  let state = initial;
  const iconFor = (): string =>
    trayIconFile(trayIconState(state), { platform: process.platform, darkPanel: panelIsDark() });
  let shownIcon = iconFor();
  let shownMenu = '';
  const tray = new Tray(loadIcon(shownIcon));

  const render = (): void => {
    const icon = iconFor();
    if (icon !== shownIcon) {
      tray.setImage(loadIcon(icon));
      shownIcon = icon;
    }
    tray.setToolTip(trayTooltip(state));
    const menu = trayMenu(state);
    // Rebuilding an open menu closes it on some Linux panels: only when something changed.
    const key = JSON.stringify(menu);
    if (key !== shownMenu) {
      tray.setContextMenu(Menu.buildFromTemplate(toElectron(menu, onAction)));
      shownMenu = key;
      // Electron cannot hand a tray's menu back; the end-to-end test reads what was shown here.
      if (process.env.PARITY_E2E_TRAY === '1') {
        (globalThis as { parityTrayMenu?: TrayMenuItem[] }).parityTrayMenu = menu;
      }
    }
  };

  render();
  // The light or dark variant follows the panel when the system appearance changes.
  nativeTheme.on('updated', render);
  // Windows users expect a left click on a tray icon to open its app; the right click has the menu.
  if (process.platform === 'win32') tray.on('click', () => onAction({ kind: 'window' }));

  return {
    refresh(next) {
      state = next;
      render();
    },
    destroy() {
      nativeTheme.off('updated', render);
      tray.destroy();
    },
  };
}

/** A yes/no question for confirm-first quick actions (TrayActionDeps.confirm). */
export async function confirmWithDialog(question: string, detail: string): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'question',
    message: question,
    detail,
    buttons: ['Run', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
  });
  return response === 0;
}

function toElectron(
  items: readonly TrayMenuItem[],
  onAction: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return {
          label: item.label,
          enabled: item.enabled,
          submenu: toElectron(item.submenu, onAction),
        };
      case 'normal': {
        const { action } = item;
        return {
          label: item.label,
          enabled: item.enabled,
          ...(action ? { click: () => onAction(action) } : {}),
        };
      }
    }
  });
}

// The taskbar on Windows can be dark while apps are light; elsewhere the system's appearance is
// the best guess Electron offers (a GNOME top bar is dark in either). The system's, not the
// app's: Light chosen in Parity on a dark desktop still has a dark panel.
function panelIsDark(): boolean {
  return process.platform === 'win32'
    ? nativeTheme.shouldUseDarkColorsForSystemIntegratedUI
    : systemPrefersDark();
}

// Installed: electron-builder.yml copies assets/tray to resources/tray. From source: the repo.
function loadIcon(file: string): NativeImage {
  const directory = app.isPackaged
    ? join(process.resourcesPath, 'tray')
    : join(app.getAppPath(), 'assets', 'tray');
  // The @2x twin beside it is picked up by name.
  return nativeImage.createFromPath(join(directory, file));
}
