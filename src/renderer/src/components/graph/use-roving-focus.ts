import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import type { NodeBox } from './graph-layout';
import { isNavigationKey, nextNode, readingOrder } from './graph-navigation';

/** One tab stop for the graph's nodes, and the arrows that move among them. */
export interface RovingFocus {
  /** The node that takes the tab stop (tabIndex 0); every other node has -1. */
  current: string | null;
  /** Keeps each node's button, to move the focus to it. */
  register: (name: string) => (button: HTMLButtonElement | null) => void;
  /** A node got the focus (by the keys, a click or a screen reader): it keeps the tab stop. */
  focused: (name: string) => void;
  /** Arrow keys, Home and End on a node. */
  onKeyDown: (name: string, event: KeyboardEvent<HTMLElement>) => void;
}

/**
 * A roving tab index over the graph's nodes, as in a grid: Tab enters the node set once (at the
 * node last focused, else the selected one, else the first) and leaves it in one step; the
 * arrows go to the nearest node that way as laid out (graph-navigation.ts), Home and End to
 * the first and the last.
 */
export function useRovingFocus(
  nodes: ReadonlyMap<string, NodeBox>,
  selected: string | null,
): RovingFocus {
  const [last, setLast] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  // A node gone from the files gives its stop back; so does none focused yet.
  const current =
    last !== null && nodes.has(last)
      ? last
      : selected !== null && nodes.has(selected)
        ? selected
        : (readingOrder(nodes)[0] ?? null);

  const register = useCallback(
    (name: string) => (button: HTMLButtonElement | null) => {
      if (button) buttons.current.set(name, button);
      else buttons.current.delete(name);
    },
    [],
  );

  const onKeyDown = (name: string, event: KeyboardEvent<HTMLElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (!isNavigationKey(event.key)) return;
    // Taken here, so the pane does not pan and no page shortcut sees the key.
    event.preventDefault();
    event.stopPropagation();
    const next = nextNode(nodes, name, event.key);
    if (next === null || next === name) return;
    setLast(next);
    buttons.current.get(next)?.focus();
  };

  return { current, register, focused: setLast, onKeyDown };
}
