import { useEffect, useLayoutEffect, useRef } from 'react';

/**
 * A keyboard shortcut: `keys` is "mod+shift+s" (mod: Ctrl, or Cmd on a Mac), or a plain key
 * like "1" or "f" that applies only while no text field has the focus.
 */
export interface Shortcut {
  keys: string;
  run: () => void;
}

interface Parsed {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

function parse(keys: string): Parsed {
  const parts = keys.toLowerCase().split('+');
  const key = parts.pop() ?? '';
  return {
    mod: parts.includes('mod'),
    shift: parts.includes('shift'),
    alt: parts.includes('alt'),
    key,
  };
}

const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform);

/** Whether a key event is this shortcut. */
export function matchesShortcut(event: KeyboardEvent, keys: string): boolean {
  const want = parse(keys);
  const mod = event.ctrlKey || event.metaKey;
  if (mod !== want.mod || event.altKey !== want.alt) return false;
  // Shift changes what a plain key types ("1" becomes "!"), so plain keys want no shift.
  if (event.shiftKey !== want.shift) return false;
  return event.key.toLowerCase() === want.key;
}

/** The aria-keyshortcuts value: "Control+Shift+S Meta+Shift+S". */
export function ariaKeys(keys: string): string {
  const { mod, shift, alt, key } = parse(keys);
  const rest = [...(alt ? ['Alt'] : []), ...(shift ? ['Shift'] : []), key.toUpperCase()];
  if (!mod) return rest.join('+');
  return ['Control', 'Meta'].map((m) => [m, ...rest].join('+')).join(' ');
}

/** How a shortcut is written in a tooltip: "Ctrl+Shift+S", or "⌘⇧S" on a Mac. */
export function shortcutHint(keys: string): string {
  const { mod, shift, alt, key } = parse(keys);
  if (isMac()) {
    return `${mod ? '⌘' : ''}${alt ? '⌥' : ''}${shift ? '⇧' : ''}${key.toUpperCase()}`;
  }
  return [
    ...(mod ? ['Ctrl'] : []),
    ...(alt ? ['Alt'] : []),
    ...(shift ? ['Shift'] : []),
    key.toUpperCase(),
  ].join('+');
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * Listens for shortcuts on the window while mounted. None fires while a modal dialog is open;
 * plain keys do not fire while typing in a field.
 */
export function useShortcuts(shortcuts: readonly Shortcut[]): void {
  const latest = useRef(shortcuts);
  // Before the browser can deliver another key: a passive effect runs later, and a key pressed
  // in between would run the previous render's actions (a Stop seeing nothing running yet).
  useLayoutEffect(() => {
    latest.current = shortcuts;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.repeat) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      for (const shortcut of latest.current) {
        if (!matchesShortcut(event, shortcut.keys)) continue;
        const plain = !shortcut.keys.includes('+');
        if (plain && typingIn(event.target)) return;
        event.preventDefault();
        shortcut.run();
        return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
