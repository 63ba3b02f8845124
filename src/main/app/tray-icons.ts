import type { TrayIconState } from './tray-summary';

/** What decides which variant of an icon suits the panel it sits in. */
export interface TrayAppearance {
  platform: NodeJS.Platform;
  /** The panel (taskbar, top bar) is dark. */
  darkPanel: boolean;
}

/**
 * The file in assets/tray (scripts/make-icons.js draws them) for a state. macOS gets template
 * images, which the menu bar tints for its own appearance, so the states differ by badge shape
 * (none, dot, diamond) there; elsewhere the badge is coloured and the glyph is dark on a light
 * panel, light on a dark one. Each file has an `@2x` twin that Electron picks for HiDPI.
 */
export function trayIconFile(
  state: TrayIconState,
  { platform, darkPanel }: TrayAppearance,
): string {
  if (platform === 'darwin') return `tray-${state}Template.png`;
  return `tray-${state}-${darkPanel ? 'dark' : 'light'}.png`;
}
