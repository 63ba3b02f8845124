import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type RefObject,
} from 'react';

/** The graph's pan (x, y in pixels) and zoom (k). */
export interface View {
  x: number;
  y: number;
  k: number;
}

/** Zoom limits. */
export const MIN_ZOOM = 0.2;
export const MAX_ZOOM = 3;
/**
 * Fitting never shrinks the graph below this: a node's 14 px name stays at 9 px or more on the
 * screen, readable. A graph too big for the pane at this scale is shown from its top left (its
 * first dependencies), and the rest is a pan or a zoom-out away.
 */
export const MIN_FIT = 0.65;
const PAD = 16;
const STEP = 1.25;
const PAN_STEP = 48;

const clamp = (k: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

// Centred along an axis where the graph fits, else from its start.
const place = (room: number, size: number): number =>
  size <= room - 2 * PAD ? (room - size) / 2 : PAD;

/**
 * The view that shows all of a `width` x `height` graph in the viewport, at most at 100% and at
 * least at MIN_FIT, where what does not fit starts at the top left.
 */
export function fitView(
  viewport: { width: number; height: number },
  content: { width: number; height: number },
): View {
  if (viewport.width <= 0 || viewport.height <= 0) return { x: 0, y: 0, k: 1 };
  const k = Math.max(
    MIN_FIT,
    Math.min(
      (viewport.width - 2 * PAD) / content.width,
      (viewport.height - 2 * PAD) / content.height,
      1,
    ),
  );
  return {
    x: place(viewport.width, content.width * k),
    y: place(viewport.height, content.height * k),
    k,
  };
}

/** The view moved just enough to show the box (graph coordinates) whole, if it can. */
export function revealBox(
  view: View,
  viewport: { width: number; height: number },
  box: { x: number; y: number; width: number; height: number },
): View {
  const shift = (start: number, size: number, room: number): number => {
    if (start < PAD) return PAD - start;
    if (start + size > room - PAD) return Math.max(PAD - start, room - PAD - start - size);
    return 0;
  };
  const left = view.x + box.x * view.k;
  const top = view.y + box.y * view.k;
  const dx = shift(left, box.width * view.k, viewport.width);
  const dy = shift(top, box.height * view.k, viewport.height);
  return dx === 0 && dy === 0 ? view : { ...view, x: view.x + dx, y: view.y + dy };
}

/** Zooms by `factor` keeping the point (cx, cy) of the viewport where it is. */
export function zoomAt(view: View, factor: number, cx: number, cy: number): View {
  const k = clamp(view.k * factor);
  const ratio = k / view.k;
  return { k, x: cx - (cx - view.x) * ratio, y: cy - (cy - view.y) * ratio };
}

/** A box in graph coordinates: a node's. */
type Box = { x: number; y: number; width: number; height: number };

/** What the graph view does with the mouse, the wheel and the keys. */
export interface ZoomPan {
  /** The element the graph is seen through: wheel, drag and size. */
  viewport: RefObject<HTMLDivElement | null>;
  view: View;
  fit: () => void;
  zoomIn: () => void;
  zoomOut: () => void;
  /** Pans so that a box of the graph (a node that got the focus) is in view. */
  reveal: (box: Box) => void;
  handlers: {
    onPointerDown: (event: PointerEvent<HTMLElement>) => void;
    onPointerMove: (event: PointerEvent<HTMLElement>) => void;
    onPointerUp: (event: PointerEvent<HTMLElement>) => void;
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  };
}

/**
 * Pan by dragging the background, zoom with the wheel (around the pointer) or the buttons, and
 * fit. The graph is fitted when its content changes size and, until the user moves it, when the
 * viewport resizes; a fit keeps `keep` (the selected node) in view where the graph is bigger
 * than the pane, as when the details panel opens beside it.
 */
export function useZoomPan(content: { width: number; height: number }, keep?: Box): ZoomPan {
  const viewport = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>({ x: 0, y: 0, k: 1 });
  const moved = useRef(false);
  const drag = useRef<{ id: number; x: number; y: number; from: View } | null>(null);
  const size = useRef(content);
  const kept = useRef(keep);
  useEffect(() => {
    size.current = content;
    kept.current = keep;
  });

  const fit = useCallback(() => {
    const element = viewport.current;
    if (!element) return;
    moved.current = false;
    const room = { width: element.clientWidth, height: element.clientHeight };
    const fitted = fitView(room, size.current);
    setView(kept.current ? revealBox(fitted, room, kept.current) : fitted);
  }, []);

  const zoomCentered = useCallback((factor: number) => {
    const element = viewport.current;
    moved.current = true;
    setView((v) =>
      zoomAt(v, factor, (element?.clientWidth ?? 0) / 2, (element?.clientHeight ?? 0) / 2),
    );
  }, []);

  const reveal = useCallback<ZoomPan['reveal']>((box) => {
    const element = viewport.current;
    if (!element) return;
    const room = { width: element.clientWidth, height: element.clientHeight };
    setView((v) => {
      const next = revealBox(v, room, box);
      if (next !== v) moved.current = true;
      return next;
    });
  }, []);

  useEffect(fit, [fit, content.width, content.height]);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return undefined;
    // React's wheel listeners are passive; this one must prevent the page from scrolling.
    const onWheel = (event: WheelEvent): void => {
      event.preventDefault();
      const box = element.getBoundingClientRect();
      moved.current = true;
      const factor = Math.exp(-event.deltaY * 0.0015);
      setView((v) => zoomAt(v, factor, event.clientX - box.left, event.clientY - box.top));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    // The browser scrolls a clipped box to show what gets the focus; the view pans instead
    // (reveal), so any such scroll is undone.
    const onScroll = (): void => {
      element.scrollTop = 0;
      element.scrollLeft = 0;
    };
    element.addEventListener('scroll', onScroll);
    let observer: ResizeObserver | null = null;
    if (typeof ResizeObserver !== 'undefined') {
      // Refitted until the user moves the view; after that, only the selected node is kept
      // in sight (the details panel opening beside the graph narrows it).
      observer = new ResizeObserver(() => {
        if (!moved.current) fit();
        else if (kept.current) reveal(kept.current);
      });
      observer.observe(element);
    }
    return () => {
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('scroll', onScroll);
      observer?.disconnect();
    };
  }, [fit, reveal]);

  const handlers: ZoomPan['handlers'] = {
    onPointerDown(event) {
      if (event.button !== 0) return;
      // Nodes and their links keep their clicks; only the background drags.
      if ((event.target as Element).closest('.graph-node')) return;
      drag.current = { id: event.pointerId, x: event.clientX, y: event.clientY, from: view };
      event.currentTarget.setPointerCapture?.(event.pointerId);
    },
    onPointerMove(event) {
      const start = drag.current;
      if (!start || start.id !== event.pointerId) return;
      moved.current = true;
      setView({
        ...start.from,
        x: start.from.x + event.clientX - start.x,
        y: start.from.y + event.clientY - start.y,
      });
    },
    onPointerUp(event) {
      if (drag.current?.id === event.pointerId) drag.current = null;
    },
    onKeyDown(event) {
      if (event.target !== event.currentTarget) return;
      const pan = (dx: number, dy: number): void => {
        moved.current = true;
        setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));
      };
      const keys: Record<string, () => void> = {
        ArrowLeft: () => pan(PAN_STEP, 0),
        ArrowRight: () => pan(-PAN_STEP, 0),
        ArrowUp: () => pan(0, PAN_STEP),
        ArrowDown: () => pan(0, -PAN_STEP),
        '+': () => zoomCentered(STEP),
        '=': () => zoomCentered(STEP),
        '-': () => zoomCentered(1 / STEP),
      };
      const action = keys[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    },
  };

  return {
    viewport,
    view,
    fit,
    zoomIn: () => zoomCentered(STEP),
    zoomOut: () => zoomCentered(1 / STEP),
    reveal,
    handlers,
  };
}
