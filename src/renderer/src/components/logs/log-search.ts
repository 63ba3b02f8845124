import type { FeedLine, LogFeed } from './log-feed';
import type { SearchReply, SearchRequest } from './log-search-core';

/** What the search needs of a Worker; tests pass one that runs in the page. */
export interface SearchWorker {
  onmessage: ((event: MessageEvent<SearchReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: SearchRequest): void;
  terminate(): void;
}

/** Starts a search worker. */
export type SearchWorkerFactory = () => SearchWorker;

/** The worker the page uses: a module worker bundled beside the page. */
export const browserSearchWorker: SearchWorkerFactory = () =>
  new Worker(new URL('./log-search-worker.ts', import.meta.url), { type: 'module' });

/** Where a search stands, for the status beside the search box. */
export interface SearchProgress {
  /** Lines searched so far. */
  searched: number;
  /** Lines waiting to be searched. */
  queued: number;
  /** The pattern took longer than the budget on one chunk: the search was stopped. */
  cutShort: boolean;
  /** The worker could not run at all (why). */
  failed: string | null;
}

/** Lines sent to the worker at a time. */
export const CHUNK_LINES = 5_000;
/** How long one chunk may take: a sane pattern takes milliseconds for 5,000 lines. */
export const CHUNK_BUDGET_MS = 1_000;

/**
 * A /regex/ search of a log feed, run in a worker with a time budget, so that no pattern can
 * freeze the page: the lines held are searched in chunks, new lines as they arrive, and a chunk
 * that takes longer than CHUNK_BUDGET_MS (catastrophic backtracking) ends the search: the
 * worker is terminated, the matches found so far stay, and the view says it was cut short.
 */
export class RegexSearch {
  private worker: SearchWorker | null = null;
  private queue: FeedLine[] = [];
  private inFlight: number | null = null;
  private inFlightSize = 0;
  private nextId = 1;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly rangesByText = new Map<string, Array<[number, number]>>();
  private progress: SearchProgress = { searched: 0, queued: 0, cutShort: false, failed: null };

  constructor(
    private readonly body: string,
    private readonly flags: string,
    private readonly feed: LogFeed,
    private readonly makeWorker: SearchWorkerFactory,
    private readonly onProgress: (progress: SearchProgress) => void,
  ) {}

  /** Starts searching what the feed holds, then each line as it arrives. */
  start(): void {
    try {
      this.worker = this.makeWorker();
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
      return;
    }
    this.worker.onmessage = (event) => this.received(event.data);
    this.worker.onerror = (event) => this.fail(event.message || 'the search worker failed');
    const held = this.feed.searchExternally((lines) => this.enqueue(lines));
    this.enqueue(held);
  }

  /** Where the highlights go in a matching line's text. */
  readonly ranges = (text: string): Array<[number, number]> => this.rangesByText.get(text) ?? [];

  /** Ends the search (another query, the view closed). */
  dispose(): void {
    this.stopWorker();
    this.queue = [];
  }

  private enqueue(lines: readonly FeedLine[]): void {
    if (this.worker === null || lines.length === 0) return;
    for (const line of lines) this.queue.push(line);
    this.pump();
    this.report();
  }

  private pump(): void {
    if (this.worker === null || this.inFlight !== null || this.queue.length === 0) return;
    const chunk = this.queue.splice(0, CHUNK_LINES);
    const id = this.nextId++;
    this.inFlight = id;
    this.inFlightSize = chunk.length;
    this.worker.postMessage({
      id,
      body: this.body,
      flags: this.flags,
      seqs: chunk.map((line) => line.seq),
      texts: chunk.map((line) => line.plain),
    });
    this.timer = setTimeout(() => this.cutShort(), CHUNK_BUDGET_MS);
  }

  private received(reply: SearchReply): void {
    if (reply.id !== this.inFlight) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight = null;
    reply.seqs.forEach((_, i) => {
      const line = this.feed.lineBySeq(reply.seqs[i] ?? -1);
      if (line) this.rangesByText.set(line.plain, reply.ranges[i] ?? []);
    });
    this.progress = { ...this.progress, searched: this.progress.searched + this.inFlightSize };
    this.feed.addMatches(reply.seqs);
    this.pump();
    this.report();
  }

  private cutShort(): void {
    this.stopWorker();
    this.queue = [];
    this.progress = { ...this.progress, cutShort: true };
    this.report();
  }

  private fail(message: string): void {
    this.stopWorker();
    this.queue = [];
    this.progress = { ...this.progress, failed: message };
    this.report();
  }

  private stopWorker(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.worker?.terminate();
    this.worker = null;
    this.inFlight = null;
  }

  private report(): void {
    this.onProgress({ ...this.progress, queued: this.queue.length });
  }
}
