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
const PAD = 24;
const STEP = 1.25;
const PAN_STEP = 48;

const clamp = (k: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

/** The view that shows all of a `width` x `height` graph in the viewport, at most at 100%. */
export function fitView(
  viewport: { width: number; height: number },
  content: { width: number; height: number },
): View {
  if (viewport.width <= 0 || viewport.height <= 0) return { x: 0, y: 0, k: 1 };
  const k = clamp(
    Math.min(
      (viewport.width - 2 * PAD) / content.width,
      (viewport.height - 2 * PAD) / content.height,
      1,
    ),
  );
  return {
    x: (viewport.width - content.width * k) / 2,
    y: (viewport.height - content.height * k) / 2,
    k,
  };
}

/** Zooms by `factor` keeping the point (cx, cy) of the viewport where it is. */
export function zoomAt(view: View, factor: number, cx: number, cy: number): View {
  const k = clamp(view.k * factor);
  const ratio = k / view.k;
  return { k, x: cx - (cx - view.x) * ratio, y: cy - (cy - view.y) * ratio };
}

/** What the graph view does with the mouse, the wheel and the keys. */
export interface ZoomPan {
  /** The element the graph is seen through: wheel, drag and size. */
  viewport: RefObject<HTMLDivElement | null>;
  view: View;
  fit: () => void;
  zoomIn: () => void;
  zoomOut: () => void;
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
 * viewport resizes.
 */
export function useZoomPan(content: { width: number; height: number }): ZoomPan {
  const viewport = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>({ x: 0, y: 0, k: 1 });
  const moved = useRef(false);
  const drag = useRef<{ id: number; x: number; y: number; from: View } | null>(null);
  const size = useRef(content);
  useEffect(() => {
    size.current = content;
  });

  const fit = useCallback(() => {
    const element = viewport.current;
    if (!element) return;
    moved.current = false;
    setView(fitView({ width: element.clientWidth, height: element.clientHeight }, size.current));
  }, []);

  const zoomCentered = useCallback((factor: number) => {
    const element = viewport.current;
    moved.current = true;
    setView((v) =>
      zoomAt(v, factor, (element?.clientWidth ?? 0) / 2, (element?.clientHeight ?? 0) / 2),
    );
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
    let observer: ResizeObserver | null = null;
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(() => {
        if (!moved.current) fit();
      });
      observer.observe(element);
    }
    return () => {
      element.removeEventListener('wheel', onWheel);
      observer?.disconnect();
    };
  }, [fit]);

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
    handlers,
  };
}
