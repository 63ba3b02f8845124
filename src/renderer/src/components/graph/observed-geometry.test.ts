import { describe, expect, it } from 'vitest';
import { observedLine } from './observed-geometry';

describe('observedLine', () => {
  const box = (x: number, y: number) => ({ x, y, width: 100, height: 50 });

  it('runs from border to border, shifted to its right so a call back stays apart', () => {
    // Left box to right box: the line leaves the first at x = 100 and reaches the second at
    // x = 200; going right, "its right" is down (+y in screen coordinates).
    expect(observedLine(box(0, 0), box(200, 0))).toEqual({
      x1: 100,
      y1: 35,
      x2: 200,
      y2: 35,
      labelX: 150,
      labelY: 45,
    });
    const back = observedLine(box(200, 0), box(0, 0));
    expect(back?.y1).toBe(15);
  });

  it('draws nothing between overlapping boxes', () => {
    expect(observedLine(box(0, 0), box(0, 0))).toBeNull();
    expect(observedLine(box(0, 0), box(50, 10))).toBeNull();
  });
});
