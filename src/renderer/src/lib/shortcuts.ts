/** The keyboard shortcuts of the project view, shown in titles and aria-keyshortcuts. */
export const SHORTCUTS = {
  start: 'mod+shift+s',
  stop: 'mod+shift+x',
  restart: 'mod+shift+r',
  down: 'mod+shift+d',
  graph: '1',
  logs: '2',
  drift: '3',
  closeDetails: 'escape',
} as const;
