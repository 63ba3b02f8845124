/**
 * electron-builder.yml's appId. Windows files toasts under the app's AppUserModelID, which the
 * installer gives its Start-menu shortcut: the running app must say the same id, or its
 * notifications go out under Electron's default one (not shown, or not under Parity's settings).
 */
export const APP_ID = 'dev.parity.app';
