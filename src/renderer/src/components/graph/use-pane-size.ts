import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { PaneSize } from './graph-layout';

/** How long a resize must settle before the graph is laid out again, in milliseconds. */
export const RESIZE_SETTLE_MS = 150;

// A pane too small to judge a layout by (hidden, or not laid out, as in jsdom) is not measured.
const MIN_SIDE = 40;

function measure(element: HTMLElement | null): PaneSize | null {
  if (!element) return null;
  const size = { width: element.clientWidth, height: element.clientHeight };
  return size.width >= MIN_SIDE && size.height >= MIN_SIDE ? size : null;
}

/**
 * The size of the element `ref` holds: measured before the first paint (so the first layout
 * is already the pane's), then again once a resize has settled for RESIZE_SETTLE_MS (a window
 * dragged wider lays the graph out once, not on every frame). Null until it has a usable size;
 * a hidden pane keeps the size it had, and one first shown (its tab opened) is measured at once.
 */
export function usePaneSize(ref: RefObject<HTMLElement | null>): PaneSize | null {
  const [size, setSize] = useState<PaneSize | null>(null);
  const measured = useRef(false);
  const update = (next: PaneSize | null): void => {
    if (!next) return;
    measured.current = true;
    setSize((prev) =>
      prev && prev.width === next.width && prev.height === next.height ? prev : next,
    );
  };
  useLayoutEffect(() => {
    update(measure(ref.current));
  }, [ref]);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      if (!measured.current) {
        update(measure(element));
        return;
      }
      timer = setTimeout(() => update(measure(element)), RESIZE_SETTLE_MS);
    });
    observer.observe(element);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [ref]);
  return size;
}
