import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../../shared/logs';
import { LogFeed } from './log-feed';
import { manualFrames } from './test-support';

function lines(from: number, count: number, service = 'api'): LogLine[] {
  return Array.from({ length: count }, (_, i) => ({
    service,
    container: `shop-${service}-1`,
    stream: 'stdout',
    timestamp: `2025-01-01T00:00:00.${String(from + i).padStart(9, '0')}Z`,
    text: `line ${from + i}`,
  }));
}

describe('LogFeed', () => {
  it('appends every batch queued in a frame at once, and tells its listeners once', () => {
    const frames = manualFrames();
    const feed = new LogFeed(100, frames.schedule);
    let notified = 0;
    feed.subscribe(() => notified++);
    feed.enqueue(lines(0, 3));
    feed.enqueue(lines(3, 2));
    feed.enqueue(lines(5, 4));
    expect([frames.pending(), feed.getSnapshot().held, notified]).toEqual([1, 0, 0]);
    frames.run();
    expect(notified).toBe(1);
    expect(feed.getSnapshot()).toMatchObject({ received: 9, held: 9, shown: 9 });
    expect(feed.lineAt(8)?.line.text).toBe('line 8');
  });

  it('holds no more than its capacity however many lines arrive, counting them all', () => {
    const frames = manualFrames();
    const feed = new LogFeed(1000, frames.schedule);
    for (let batch = 0; batch < 2000; batch++) {
      feed.enqueue(lines(batch * 500, 500));
      // Frames run only now and then (a busy or hidden page): the queue stays bounded too.
      if (batch % 300 === 0) frames.run();
    }
    frames.run();
    expect(feed.getSnapshot()).toMatchObject({
      received: 1_000_000,
      held: 1000,
      shown: 1000,
      capacity: 1000,
    });
    expect(feed.lineAt(0)?.line.text).toBe('line 999000');
    expect(feed.lineAt(999)?.line.text).toBe('line 999999');
  });

  it('filters the lines held and the ones that arrive later, dropping those that leave the ring', () => {
    const frames = manualFrames();
    const feed = new LogFeed(10, frames.schedule);
    feed.enqueue(lines(0, 10));
    frames.run();
    feed.setFilter(({ plain }) => plain.endsWith('5') || plain.endsWith('7'));
    expect(feed.getSnapshot().shown).toBe(2);
    feed.enqueue(lines(10, 6));
    frames.run();
    // Held now: 6..15; of those 7 and 15 pass (5 left the ring).
    expect(feed.getSnapshot().shown).toBe(2);
    expect([feed.lineAt(0)?.line.text, feed.lineAt(1)?.line.text]).toEqual(['line 7', 'line 15']);
    expect(feed.indexOfSeq(15)).toBe(1);
    expect(feed.indexOfSeq(8)).toBe(-1);
    feed.setFilter(null);
    expect(feed.getSnapshot().shown).toBe(10);
  });

  it('strips escapes for search and copy, and clears without losing the count', () => {
    const frames = manualFrames();
    const feed = new LogFeed(10, frames.schedule);
    feed.enqueue([{ ...lines(0, 1)[0]!, text: '\u001b[31mred\u001b[0m' }]);
    frames.run();
    expect(feed.shownLines().map((l) => l.plain)).toEqual(['red']);
    feed.enqueue(lines(1, 2));
    feed.clear();
    expect(feed.getSnapshot()).toMatchObject({ received: 3, held: 0 });
    expect(frames.pending()).toBe(0);
    feed.restart();
    expect(feed.getSnapshot().received).toBe(0);
  });

  it('keeps the newest lines when the capacity changes', () => {
    const frames = manualFrames();
    const feed = new LogFeed(10, frames.schedule);
    feed.enqueue(lines(0, 10));
    frames.run();
    feed.resize(4);
    expect(feed.shownLines().map((l) => l.line.text)).toEqual([
      'line 6',
      'line 7',
      'line 8',
      'line 9',
    ]);
  });
});
