/**
 * The path of a folder dropped on the page: the desktop app's preload knows it; a browser
 * never tells a page where a dropped file is, so there it is null.
 */
export function droppedPath(file: File): string | null {
  return window.parity?.pathForFile?.(file) || null;
}
