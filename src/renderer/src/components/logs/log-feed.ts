import type { LogLine } from '../../../../shared/logs';
import { stripAnsi } from './ansi';
import { LogRing } from './log-ring';

/** A line as the view holds it: its place in the stream and its text without escapes. */
export interface FeedLine {
  seq: number;
  line: LogLine;
  /** The text with escape sequences removed: what search, copy and download use. */
  plain: string;
}

/** What the view renders from; a new object after every change. */
export interface FeedSnapshot {
  /** Lines received since the stream started, held or not (the bench reads this). */
  received: number;
  /** Lines the ring holds. */
  held: number;
  /** Lines that pass the filter, of those held. */
  shown: number;
  capacity: number;
  /** Seq of the oldest line held. */
  firstSeq: number;
  /** Lines the server dropped, not sent, as this window read slower than they came. */
  dropped: number;
}

/** Runs `flush` soon, once; returns a way to cancel it. */
export type Scheduler = (flush: () => void) => () => void;

/** While lines keep coming, the feed is appended (and the view rendered) at most this often. */
export const FLOOD_FLUSH_MS = 100;

/**
 * The default scheduler: the next animation frame, but no sooner than `minInterval` ms after
 * the flush it last ran. A line after a quiet spell shows at the next frame; a flood renders
 * ~10 times a second rather than every frame, as each render (React, layout, paint) takes
 * time from the lines arriving, and rows replaced 60 times a second cannot be read anyway.
 */
export function animationFrames(minInterval = FLOOD_FLUSH_MS): Scheduler {
  let last = -Infinity;
  return (flush) => {
    let frame: number | null = null;
    const request = (): void => {
      frame = requestAnimationFrame(() => {
        last = performance.now();
        flush();
      });
    };
    const wait = last + minInterval - performance.now();
    const timer = wait > 0 ? setTimeout(request, wait) : (request(), null);
    return () => {
      if (timer !== null) clearTimeout(timer);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  };
}

/**
 * The lines of one log stream for the view: a bounded ring (the `logRingSize` setting) of the
 * newest lines, and the seqs of those that pass the filter. Lines arrive in batches and are
 * queued; the queue is appended at an animation frame, at most every FLOOD_FLUSH_MS, so a
 * flood of batches costs one render each time. The queue is bounded too: while frames do not run (a hidden tab), lines the
 * ring would drop anyway are dropped from the queue.
 *
 * It is an external store for React's useSyncExternalStore: `subscribe` and `getSnapshot`.
 */
export class LogFeed {
  private readonly ring: LogRing<FeedLine>;
  private pending: (readonly LogLine[])[] = [];
  private pendingCount = 0;
  private received = 0;
  private dropped = 0;
  private filter: ((line: FeedLine) => boolean) | null = null;
  /** Set while a search outside the feed (a worker) decides the matches: gets new lines. */
  private onAppended: ((lines: FeedLine[]) => void) | null = null;
  private appended: FeedLine[] = [];
  /** Seqs of held lines that pass the filter, when there is one. */
  private matches: SeqList | null = null;
  private cancelFlush: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();
  private snapshot: FeedSnapshot;

  constructor(
    capacity: number,
    private readonly schedule: Scheduler = animationFrames(),
  ) {
    this.ring = new LogRing(capacity);
    this.snapshot = this.takeSnapshot();
  }

  /** Queues a batch; it is appended at the next frame. */
  enqueue(lines: readonly LogLine[]): void {
    if (lines.length === 0) return;
    this.pending.push(lines);
    this.pendingCount += lines.length;
    // Whole batches the ring would drop on arrival are dropped now.
    for (let first = this.pending[0]; first; first = this.pending[0]) {
      if (this.pendingCount - first.length < this.ring.capacity) break;
      this.pending.shift();
      this.pendingCount -= first.length;
      this.received += first.length;
    }
    this.cancelFlush ??= this.schedule(() => {
      this.cancelFlush = null;
      this.flush();
    });
  }

  /** Counts lines the server dropped for this window (a `dropped` on a batch). */
  noteDropped(count: number): void {
    if (count <= 0) return;
    this.dropped += count;
    this.publish();
  }

  /** Appends every queued line now, and tells the view once. */
  flush(): void {
    this.cancelFlush?.();
    this.cancelFlush = null;
    if (this.pendingCount === 0) return;
    // Lines older than the newest `capacity` queued would be dropped at once: skip them.
    let skip = Math.max(0, this.pendingCount - this.ring.capacity);
    this.received += this.pendingCount;
    for (const batch of this.pending) {
      if (skip >= batch.length) {
        skip -= batch.length;
        continue;
      }
      for (let i = skip; i < batch.length; i++) this.append(batch[i] as LogLine);
      skip = 0;
    }
    this.pending = [];
    this.pendingCount = 0;
    this.matches?.dropBelow(this.ring.firstSeq);
    const appended = this.appended;
    this.appended = [];
    this.publish();
    if (appended.length > 0) this.onAppended?.(appended);
  }

  /** Shows only lines that pass `filter` (null: every line). */
  setFilter(filter: ((line: FeedLine) => boolean) | null): void {
    this.onAppended = null;
    this.filter = filter;
    this.matches = filter ? new SeqList() : null;
    if (filter && this.matches) {
      for (let seq = this.ring.firstSeq; seq < this.ring.nextSeq; seq++) {
        const held = this.ring.at(seq);
        if (held && filter(held)) this.matches.push(seq);
      }
    }
    this.publish();
  }

  /**
   * Shows only the lines a search elsewhere reports (addMatches), starting with none; returns
   * the lines held, for it to search, and gives it each line appended from now on.
   */
  searchExternally(onAppended: (lines: FeedLine[]) => void): FeedLine[] {
    this.filter = null;
    this.onAppended = onAppended;
    this.matches = new SeqList();
    const held: FeedLine[] = [];
    for (let seq = this.ring.firstSeq; seq < this.ring.nextSeq; seq++) {
      const line = this.ring.at(seq);
      if (line) held.push(line);
    }
    this.publish();
    return held;
  }

  /** Adds matches found by the search elsewhere (ascending seqs); those gone are skipped. */
  addMatches(seqs: readonly number[]): void {
    if (!this.matches || !this.onAppended || seqs.length === 0) return;
    const last = this.matches.at(this.matches.length - 1) ?? -1;
    for (const seq of seqs) if (seq > last && seq >= this.ring.firstSeq) this.matches.push(seq);
    this.publish();
  }

  /** The line held with this seq, if it still is. */
  lineBySeq(seq: number): FeedLine | undefined {
    return this.ring.at(seq);
  }

  /** Forgets every line held or queued (the Clear button); the count received stays. */
  clear(): void {
    this.received += this.pendingCount;
    this.dropQueue();
    this.ring.clear();
    if (this.matches) this.matches = new SeqList();
    this.publish();
  }

  /** Starts over for a new stream: nothing held, nothing received. */
  restart(): void {
    this.dropQueue();
    this.ring.clear();
    this.received = 0;
    this.dropped = 0;
    if (this.matches) this.matches = new SeqList();
    this.publish();
  }

  /** Changes how many lines are held, keeping the newest. */
  resize(capacity: number): void {
    if (capacity === this.ring.capacity) return;
    this.ring.resize(capacity);
    this.matches?.dropBelow(this.ring.firstSeq);
    this.publish();
  }

  /** The index-th line shown (after the filter), oldest first. */
  lineAt(index: number): FeedLine | undefined {
    if (!this.matches) return this.ring.at(this.ring.firstSeq + index);
    const seq = this.matches.at(index);
    return seq === undefined ? undefined : this.ring.at(seq);
  }

  /** Where the line with this seq is among those shown, or -1. */
  indexOfSeq(seq: number): number {
    if (!this.matches) return this.ring.at(seq) ? seq - this.ring.firstSeq : -1;
    return this.matches.indexOf(seq);
  }

  /** Every line shown, oldest first (copy, download). */
  shownLines(): FeedLine[] {
    const lines: FeedLine[] = [];
    for (let i = 0; i < this.snapshot.shown; i++) {
      const line = this.lineAt(i);
      if (line) lines.push(line);
    }
    return lines;
  }

  /** Drops the lines queued and the frame that would append them (the stream closed). */
  stop(): void {
    this.dropQueue();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): FeedSnapshot => this.snapshot;

  private append(line: LogLine): void {
    const held: FeedLine = { seq: this.ring.nextSeq, line, plain: stripAnsi(line.text) };
    this.ring.push(held);
    if (this.onAppended) this.appended.push(held);
    else if (this.filter && this.matches && this.filter(held)) this.matches.push(held.seq);
  }

  private dropQueue(): void {
    this.cancelFlush?.();
    this.cancelFlush = null;
    this.pending = [];
    this.pendingCount = 0;
  }

  private publish(): void {
    this.snapshot = this.takeSnapshot();
    for (const listener of this.listeners) listener();
  }

  private takeSnapshot(): FeedSnapshot {
    return {
      received: this.received,
      held: this.ring.size,
      shown: this.matches ? this.matches.length : this.ring.size,
      capacity: this.ring.capacity,
      firstSeq: this.ring.firstSeq,
      dropped: this.dropped,
    };
  }
}

/** An ascending list of seqs that drops from the front cheaply. */
class SeqList {
  private items: number[] = [];
  private start = 0;

  get length(): number {
    return this.items.length - this.start;
  }

  push(seq: number): void {
    this.items.push(seq);
  }

  at(index: number): number | undefined {
    return index < 0 ? undefined : this.items[this.start + index];
  }

  dropBelow(seq: number): void {
    while (this.start < this.items.length && (this.items[this.start] ?? seq) < seq) this.start++;
    // Compact once the dropped front outweighs what is kept.
    if (this.start > 1024 && this.start > this.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
  }

  indexOf(seq: number): number {
    let low = this.start;
    let high = this.items.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const value = this.items[mid] ?? 0;
      if (value === seq) return mid - this.start;
      if (value < seq) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }
}
