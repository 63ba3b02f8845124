import { nativeTheme } from 'electron';

// The system's own light or dark, as last seen while the app followed it.
let systemDark: boolean | null = null;

/**
 * Starts tracking whether the system (not Parity's chosen theme) is dark. Call before the app
 * sets nativeTheme.themeSource: once it is 'light' or 'dark', shouldUseDarkColors answers with
 * the app's choice, and Linux has no other way to ask the system. While the app follows the
 * system, each change is seen; while it overrides it, the last value seen stands.
 */
export function trackSystemAppearance(): void {
  if (nativeTheme.themeSource === 'system') systemDark = nativeTheme.shouldUseDarkColors;
  // prependListener: read before the tray's own listener redraws its icon.
  nativeTheme.prependListener('updated', () => {
    if (nativeTheme.themeSource === 'system') systemDark = nativeTheme.shouldUseDarkColors;
  });
}

/** Whether the system's appearance is dark, whatever theme Parity shows its window in. */
export function systemPrefersDark(): boolean {
  if (nativeTheme.themeSource === 'system') return nativeTheme.shouldUseDarkColors;
  return systemDark ?? nativeTheme.shouldUseDarkColors;
}
