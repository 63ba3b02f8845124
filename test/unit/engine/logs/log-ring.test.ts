import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../../src/shared/logs';
import { LogRing, ServiceLogHistory } from '../../../../src/main/engine/logs/log-ring';
import { stamp } from './frames';

describe('LogRing', () => {
  it('keeps everything until full, oldest first', () => {
    const ring = new LogRing<number>(3);
    expect(ring.snapshot()).toEqual([]);
    ring.push(1);
    ring.push(2);
    expect(ring.snapshot()).toEqual([1, 2]);
    expect(ring.size).toBe(2);
  });

  it('drops the oldest once full, across several wraparounds', () => {
    const ring = new LogRing<number>(3);
    for (let i = 1; i <= 10; i++) {
      ring.push(i);
      expect(ring.snapshot()).toEqual([i - 2, i - 1, i].filter((n) => n >= 1));
    }
    expect(ring.size).toBe(3);
  });

  it('holds 5000 by default and can be cleared', () => {
    const ring = new LogRing<number>();
    for (let i = 0; i < 6000; i++) ring.push(i);
    const snapshot = ring.snapshot();
    expect(snapshot).toHaveLength(5000);
    expect(snapshot[0]).toBe(1000);
    expect(snapshot.at(-1)).toBe(5999);
    ring.clear();
    expect(ring.snapshot()).toEqual([]);
    ring.push(7);
    expect(ring.snapshot()).toEqual([7]);
  });

  it('refuses a capacity below one', () => {
    expect(() => new LogRing(0)).toThrow(RangeError);
    expect(() => new LogRing(1.5)).toThrow(RangeError);
  });
});

describe('ServiceLogHistory', () => {
  const line = (service: string, n: number): LogLine => ({
    service,
    container: `p-${service}-1`,
    stream: 'stdout',
    timestamp: stamp(n),
    text: `${service} ${n}`,
  });

  it('bounds each service on its own and merges them in time order', () => {
    const history = new ServiceLogHistory(2);
    history.add([line('web', 1), line('db', 2), line('web', 3), line('web', 5), line('db', 4)]);
    expect(history.snapshot('web').map((l) => l.text)).toEqual(['web 3', 'web 5']);
    expect(history.snapshot('db').map((l) => l.text)).toEqual(['db 2', 'db 4']);
    expect(history.snapshot('nope')).toEqual([]);
    expect(history.snapshot().map((l) => l.text)).toEqual(['db 2', 'web 3', 'db 4', 'web 5']);
  });
});
