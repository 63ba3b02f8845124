import type { Readable } from 'node:stream';
import { COMPOSE_LABEL } from './compose-labels';
import type { DockerEngine } from './docker-engine';
import { parseEventStream, type ContainerEvent } from './event-stream';
import { EventCursor } from './event-cursor';
import { unreachableReason } from './unreachable';

/** A lifecycle event of a Compose service container. */
export interface ContainerWatchEvent {
  type: 'container';
  project: string;
  service: string;
  containerId: string;
  /** The container's name, no slash. */
  name: string;
  /** start, die, health_status: healthy, destroy, ... as the engine names them. */
  action: string;
  /** When the engine emitted it: UTC, nine fraction digits (orders as a string). */
  time: string;
  /** The engine's attributes: the container's labels, image, exitCode on die, ... */
  attributes: Record<string, string>;
}

/**
 * The watcher lost or regained the engine. `reachable: true` comes each time the event stream
 * opens after being down, so a subscriber that keeps state re-reads it then: events the engine
 * emitted while no stream was open (a restarting engine stopping its containers) are gone.
 */
export interface EngineWatchEvent {
  type: 'engine';
  reachable: boolean;
  /** Why not, for a banner. */
  reason?: string;
}

/** What subscribers receive. */
export type WatchEvent = ContainerWatchEvent | EngineWatchEvent;

/** Which container events a subscriber wants; engine events go to every subscriber. */
export interface WatchFilter {
  project?: string;
}

/** Reconnection pacing; tests shorten it. */
export interface WatcherOptions {
  /** First wait before reconnecting; doubled after each failure. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

interface Subscriber {
  listener: (event: WatchEvent) => void;
  project: string | undefined;
}

/**
 * The one /events subscription of an engine, shared by everyone who wants container events.
 * It opens with the first subscriber and closes with the last. When the stream breaks it
 * reconnects with backoff and resumes from the last event seen, dropping the ones at that
 * instant it delivered already, so subscribers see every event once.
 */
export class EngineWatcher {
  private readonly subscribers = new Set<Subscriber>();
  private cursor = new EventCursor();
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;
  private stream: Readable | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private delayMs: number;
  private openedAtMs = 0;
  private generation = 0;
  private state: boolean | null = null;
  private waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  constructor(
    private readonly engine: DockerEngine,
    options: WatcherOptions = {},
  ) {
    this.minDelayMs = options.minDelayMs ?? 100;
    this.maxDelayMs = options.maxDelayMs ?? 2000;
    this.delayMs = this.minDelayMs;
  }

  /** Whether the event stream is open now; null before the first attempt ends. */
  get reachable(): boolean | null {
    return this.state;
  }

  /**
   * Calls `listener` with every container event (of `filter.project` only, when given) and
   * every change of reachability, until the returned function is called.
   */
  subscribe(listener: (event: WatchEvent) => void, filter: WatchFilter = {}): () => void {
    const subscriber = { listener, project: filter.project };
    this.subscribers.add(subscriber);
    if (this.subscribers.size === 1) this.connect();
    return () => {
      if (!this.subscribers.delete(subscriber) || this.subscribers.size > 0) return;
      this.close();
    };
  }

  /**
   * Settles once the stream is open (at once when it is), or rejects with the error of the
   * next failed attempt, so a caller can subscribe, await this, then list and miss nothing.
   * Only meaningful while subscribed.
   */
  ready(): Promise<void> {
    if (this.stream) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private connect(): void {
    this.timer = null;
    const generation = ++this.generation;
    this.engine.composeEventStream(this.cursor.since() ?? undefined).then(
      ({ stream, openedAt }) => {
        if (generation !== this.generation) {
          stream.destroy();
          return;
        }
        this.opened(stream, openedAt);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.failed(error instanceof Error ? error : new Error(String(error)));
      },
    );
  }

  private opened(stream: Readable, openedAt: string | null): void {
    this.stream = stream;
    this.openedAtMs = Date.now();
    this.cursor.opened(openedAt);
    parseEventStream(stream, (event) => {
      if (this.stream === stream && this.cursor.accept(event)) this.dispatch(event);
    });
    const broken = (): void => {
      if (this.stream !== stream) return;
      this.stream = null;
      this.setReachable(false, 'lost the connection to the engine');
      // A stream that lived a while broke for a new reason: reconnect at once.
      if (Date.now() - this.openedAtMs >= this.maxDelayMs) this.delayMs = this.minDelayMs;
      this.retry();
    };
    stream.on('error', () => undefined);
    stream.once('error', broken);
    stream.once('end', broken);
    stream.once('close', broken);
    this.setReachable(true);
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  private failed(error: Error): void {
    this.setReachable(false, unreachableReason(error) ?? error.message);
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
    this.retry();
  }

  private retry(): void {
    if (this.subscribers.size === 0) return;
    this.timer = setTimeout(() => this.connect(), this.delayMs);
    this.delayMs = Math.min(this.delayMs * 2, this.maxDelayMs);
  }

  private close(): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const stream = this.stream;
    this.stream = null;
    stream?.destroy();
    this.state = null;
    // Nobody listens any more: the next subscriber starts from now. Resuming is for breaks;
    // replaying the events of an earlier session would show new subscribers old starts.
    this.cursor = new EventCursor();
    this.delayMs = this.minDelayMs;
    const error = new Error('the engine watcher was closed');
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }

  private setReachable(reachable: boolean, reason?: string): void {
    if (this.state === reachable) return;
    this.state = reachable;
    this.emit({ type: 'engine', reachable, ...(reason === undefined ? {} : { reason }) }, null);
  }

  private dispatch(event: ContainerEvent): void {
    const project = event.attributes[COMPOSE_LABEL.project] ?? '';
    this.emit(
      {
        type: 'container',
        project,
        service: event.attributes[COMPOSE_LABEL.service] ?? '',
        containerId: event.id,
        name: event.attributes.name ?? '',
        action: event.action,
        time: event.time,
        attributes: event.attributes,
      },
      project,
    );
  }

  private emit(event: WatchEvent, project: string | null): void {
    for (const subscriber of [...this.subscribers]) {
      if (project !== null && subscriber.project !== undefined && subscriber.project !== project) {
        continue;
      }
      // One subscriber throwing must not cost the others their events.
      try {
        subscriber.listener(event);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

const watchers = new WeakMap<DockerEngine, EngineWatcher>();

/** The one watcher of an engine; everyone in the process who watches it shares it. */
export function watchEngine(engine: DockerEngine): EngineWatcher {
  let watcher = watchers.get(engine);
  if (!watcher) watchers.set(engine, (watcher = new EngineWatcher(engine)));
  return watcher;
}
