import { describe, expect, it } from 'vitest';
import { fitView, MAX_ZOOM, MIN_FIT, revealBox, zoomAt } from './use-zoom-pan';

describe('fitView', () => {
  it('shrinks a large graph to the viewport and centres it', () => {
    const view = fitView({ width: 832, height: 532 }, { width: 1000, height: 300 });
    expect(view.k).toBeCloseTo(0.8);
    expect(view.x).toBeCloseTo(16);
    expect(view.y).toBeCloseTo(146);
  });

  it('never enlarges a small graph past 100%', () => {
    expect(fitView({ width: 2000, height: 2000 }, { width: 100, height: 100 }).k).toBe(1);
  });

  it('stops shrinking where names would be too small to read, showing the top left', () => {
    const view = fitView({ width: 500, height: 400 }, { width: 3000, height: 1000 });
    expect(view.k).toBe(MIN_FIT);
    expect(MIN_FIT * 14).toBeGreaterThanOrEqual(9);
    expect(view.x).toBe(16);
    expect(view.y).toBe(16);
  });
});

describe('revealBox', () => {
  const room = { width: 400, height: 300 };
  it('pans just enough to show a box that is off the pane', () => {
    const view = revealBox({ x: 0, y: 0, k: 2 }, room, { x: 300, y: 10, width: 50, height: 20 });
    expect(view.k).toBe(2);
    expect(view.x + (300 + 50) * 2).toBe(400 - 16);
    expect(view.y).toBe(0);
  });

  it('leaves a view that shows the box as it is', () => {
    const view = { x: 0, y: 0, k: 1 };
    expect(revealBox(view, room, { x: 50, y: 50, width: 50, height: 20 })).toBe(view);
  });
});

describe('zoomAt', () => {
  it('keeps the point under the pointer in place', () => {
    const view = zoomAt({ x: 10, y: 20, k: 1 }, 2, 110, 120);
    expect(view).toEqual({ x: -90, y: -80, k: 2 });
    expect(zoomAt(view, 100, 0, 0).k).toBe(MAX_ZOOM);
  });
});
