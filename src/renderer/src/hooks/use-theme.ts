import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../../shared/settings';
import type { Connection } from '../api/connect-api';

/** The theme setting: follow the system, or a fixed one. */
export type Theme = Settings['theme'];

/** The theme in use and a way to change (and save) it. */
export interface ThemeState {
  theme: Theme;
  setTheme: (theme: Theme) => void;
}

/** Applies a theme to the page: styles.css follows prefers-color-scheme unless data-theme is set. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** The `theme` setting from settings.get, applied to the page; changes are saved by settings.set. */
export function useTheme({ api }: Connection): ThemeState {
  const [theme, setThemeState] = useState<Theme>('system');

  useEffect(() => {
    let current = true;
    // Without settings the page follows the system, which is the default anyway.
    api['settings.get']({}).then(
      (settings) => current && setThemeState(settings.theme),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);

  useEffect(() => applyTheme(theme), [theme]);

  const setTheme = useCallback(
    (next: Theme) => {
      setThemeState(next);
      api['settings.set']({ patch: { theme: next } }).catch(() => undefined);
    },
    [api],
  );

  return { theme, setTheme };
}
