import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shopServices } from '../../testing/fixtures';
import { useGraphLayout } from './use-graph-layout';
import { RESIZE_SETTLE_MS, usePaneSize } from './use-pane-size';

// jsdom lays nothing out and has no ResizeObserver: the pane's size and its observer are
// stand-ins that a test sets and fires.
let observed: (() => void) | null = null;
class FakeResizeObserver {
  constructor(callback: () => void) {
    observed = callback;
  }
  observe(): void {}
  disconnect(): void {
    observed = null;
  }
}

function pane(width: number, height: number): HTMLDivElement {
  const element = document.createElement('div');
  Object.defineProperty(element, 'clientWidth', { configurable: true, value: width });
  Object.defineProperty(element, 'clientHeight', { configurable: true, value: height });
  return element;
}
function resize(element: HTMLElement, width: number, height: number): void {
  Object.defineProperty(element, 'clientWidth', { configurable: true, value: width });
  Object.defineProperty(element, 'clientHeight', { configurable: true, value: height });
  observed?.();
}

describe('usePaneSize', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('measures the pane at once, then once a resize has settled', () => {
    const element = pane(900, 500);
    const { result } = renderHook(() => usePaneSize({ current: element }));
    expect(result.current).toEqual({ width: 900, height: 500 });
    const first = result.current;
    // A window dragged wider: many sizes, one update at the end.
    for (const width of [950, 1000, 1100]) {
      resize(element, width, 500);
      act(() => {
        vi.advanceTimersByTime(RESIZE_SETTLE_MS / 3);
      });
    }
    expect(result.current).toBe(first);
    act(() => {
      vi.advanceTimersByTime(RESIZE_SETTLE_MS);
    });
    expect(result.current).toEqual({ width: 1100, height: 500 });
    // The same size again changes nothing.
    const settled = result.current;
    resize(element, 1100, 500);
    act(() => {
      vi.advanceTimersByTime(RESIZE_SETTLE_MS);
    });
    expect(result.current).toBe(settled);
  });

  it('keeps the size it had while the pane is hidden', () => {
    const element = pane(900, 500);
    const { result } = renderHook(() => usePaneSize({ current: element }));
    resize(element, 0, 0);
    act(() => {
      vi.advanceTimersByTime(RESIZE_SETTLE_MS);
    });
    expect(result.current).toEqual({ width: 900, height: 500 });
  });

  it('measures a pane first shown after it mounted at once', () => {
    const element = pane(0, 0);
    const { result } = renderHook(() => usePaneSize({ current: element }));
    expect(result.current).toBeNull();
    act(() => {
      resize(element, 1000, 600);
    });
    expect(result.current).toEqual({ width: 1000, height: 600 });
  });
});

describe('useGraphLayout', () => {
  it('keeps the layout it has while a new pane size puts every node in the same place', () => {
    const services = shopServices();
    const { result, rerender } = renderHook(
      ({ size }: { size: { width: number; height: number } }) => useGraphLayout(services, size),
      { initialProps: { size: { width: 900, height: 500 } } },
    );
    const first = result.current;
    rerender({ size: { width: 910, height: 505 } });
    expect(result.current).toBe(first);
    // A pane too narrow for two nodes side by side: web and worker go one under the other.
    rerender({ size: { width: 200, height: 900 } });
    expect(result.current).not.toBe(first);
    const x = (name: string) => result.current.nodes.get(name)?.x;
    expect(x('web')).toBe(x('worker'));
  });
});
