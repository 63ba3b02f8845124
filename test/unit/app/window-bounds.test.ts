import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readWindowBounds,
  restorableBounds,
  writeWindowBounds,
  type WindowBounds,
} from '../../../src/main/app/window-bounds';

const LAPTOP = { x: 0, y: 0, width: 1440, height: 875 };
const MONITOR = { x: 1440, y: 0, width: 2560, height: 1415 };
const saved = (x: number, y: number, width = 1200, height = 800): WindowBounds => ({
  x,
  y,
  width,
  height,
  maximized: false,
});

describe('restorableBounds', () => {
  it('gives the window back where it was when that place is on a display', () => {
    expect(restorableBounds(saved(1600, 100), [LAPTOP, MONITOR])).toEqual(saved(1600, 100));
  });

  it('lets the window open at its default place once its monitor is gone', () => {
    expect(restorableBounds(saved(1600, 100), [LAPTOP])).toBeNull();
  });

  it('refuses a title bar above the top of every display', () => {
    expect(restorableBounds(saved(100, -300), [LAPTOP])).toBeNull();
  });

  it('shrinks a window larger than the display it is on', () => {
    expect(restorableBounds(saved(0, 0, 2500, 1400), [LAPTOP])).toEqual(saved(0, 0, 1440, 875));
  });

  it('has nothing to restore on a first run', () => {
    expect(restorableBounds(null, [LAPTOP])).toBeNull();
  });
});

describe('the window-state file', () => {
  it('round-trips, and reads a corrupt or foreign file as nothing saved', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'parity-bounds-')), 'window-state.json');
    expect(readWindowBounds(path)).toBeNull();
    writeWindowBounds(path, { ...saved(10, 20), maximized: true });
    expect(readWindowBounds(path)).toEqual({ ...saved(10, 20), maximized: true });
    writeFileSync(path, '{"x": "left"');
    expect(readWindowBounds(path)).toBeNull();
  });
});
