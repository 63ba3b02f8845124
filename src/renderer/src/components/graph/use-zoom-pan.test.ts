import { describe, expect, it } from 'vitest';
import { fitView, MAX_ZOOM, zoomAt } from './use-zoom-pan';

describe('fitView', () => {
  it('shrinks a large graph to the viewport and centres it', () => {
    const view = fitView({ width: 548, height: 348 }, { width: 1000, height: 300 });
    expect(view.k).toBeCloseTo(0.5);
    expect(view.x).toBeCloseTo(24);
    expect(view.y).toBeCloseTo(99);
  });

  it('never enlarges a small graph past 100%', () => {
    expect(fitView({ width: 2000, height: 2000 }, { width: 100, height: 100 }).k).toBe(1);
  });
});

describe('zoomAt', () => {
  it('keeps the point under the pointer in place', () => {
    const view = zoomAt({ x: 10, y: 20, k: 1 }, 2, 110, 120);
    expect(view).toEqual({ x: -90, y: -80, k: 2 });
    expect(zoomAt(view, 100, 0, 0).k).toBe(MAX_ZOOM);
  });
});
