import { describe, expect, it } from 'vitest';
import { LogRing } from './log-ring';

describe('LogRing', () => {
  it('holds at most its capacity, dropping the oldest, however many are pushed', () => {
    const ring = new LogRing<number>(3);
    for (let i = 0; i < 1_000_000; i++) ring.push(i);
    expect(ring.size).toBe(3);
    expect([ring.firstSeq, ring.nextSeq]).toEqual([999_997, 1_000_000]);
    expect([999_997, 999_998, 999_999].map((seq) => ring.at(seq))).toEqual([
      999_997, 999_998, 999_999,
    ]);
    expect(ring.at(999_996)).toBeUndefined();
    expect(ring.at(1_000_000)).toBeUndefined();
  });

  it('clears without reusing seqs', () => {
    const ring = new LogRing<string>(4);
    ring.push('a');
    ring.push('b');
    ring.clear();
    expect(ring.size).toBe(0);
    ring.push('c');
    expect([ring.firstSeq, ring.at(2)]).toEqual([2, 'c']);
  });

  it('resizes keeping the newest items', () => {
    const ring = new LogRing<number>(5);
    for (let i = 0; i < 7; i++) ring.push(i);
    ring.resize(2);
    expect([ring.size, ring.at(5), ring.at(6), ring.at(4)]).toEqual([2, 5, 6, undefined]);
    ring.resize(10);
    for (let i = 7; i < 12; i++) ring.push(i);
    expect([ring.size, ring.firstSeq, ring.at(11)]).toEqual([7, 5, 11]);
  });

  it('refuses a capacity below one', () => {
    expect(() => new LogRing(0)).toThrow(RangeError);
  });
});
