import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LogBatcher } from '../../../../src/main/engine/logs/batcher';
import { stamp } from './frames';

interface Item {
  timestamp: string;
  id: string;
}
const item = (n: number, id: string): Item => ({ timestamp: stamp(n), id });

describe('LogBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('delivers once per interval, merged in timestamp order, ties in arrival order', () => {
    const batches: string[][] = [];
    const batcher = new LogBatcher<Item>((items) => batches.push(items.map((i) => i.id)));
    batcher.add(item(3, 'a3'));
    batcher.add(item(5, 'a5'));
    batcher.add(item(1, 'b1'));
    batcher.add(item(3, 'b3'));
    batcher.add(item(4, 'c4'));
    vi.advanceTimersByTime(49);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([['b1', 'a3', 'b3', 'c4', 'a5']]);
    vi.advanceTimersByTime(1000);
    expect(batches).toHaveLength(1);
  });

  it('delivers at once when a batch is full', () => {
    const batches: number[] = [];
    const batcher = new LogBatcher<Item>((items) => batches.push(items.length), {
      maxLines: 500,
    });
    for (let i = 0; i < 1203; i++) batcher.add(item(i, String(i)));
    expect(batches).toEqual([500, 500]);
    vi.advanceTimersByTime(50);
    expect(batches).toEqual([500, 500, 203]);
  });

  it('flushes on demand and never delivers an empty batch', () => {
    const batches: string[][] = [];
    const batcher = new LogBatcher<Item>((items) => batches.push(items.map((i) => i.id)), {
      intervalMs: 10,
    });
    batcher.flush();
    batcher.add(item(2, 'x'));
    batcher.flush();
    vi.advanceTimersByTime(100);
    expect(batches).toEqual([['x']]);
  });
});
