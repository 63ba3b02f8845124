import type Docker from 'dockerode';
import type { TraceQueryStatus } from '../../shared/traces';
import { readJaeger } from './jaeger-query';
import type { Span } from './span';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './stack-query-fetch';
import { SeenSpans } from './stack-query-seen';
import { querySources, type QueryKind } from './stack-query-sources';
import { readZipkin, type QueryWindow } from './zipkin-query';

/** Reads one kind of trace store published on a loopback port. */
export type QueryReader = (
  port: number,
  window: QueryWindow,
  limits: QueryLimits,
) => Promise<Span[]>;

/** Where the pollers read from and write to. */
export interface StackQueryDependencies {
  /** A project's containers (the engine's listing). */
  containers: (project: string) => Promise<Docker.ContainerInfo[]>;
  /** Takes spans known to come from a project; says the statuses changed. */
  hub: {
    addFor(spans: readonly Span[], project: string | null): void;
    touch(): void;
    readonly windowMs: number;
  };
}

/** How often and how much; tests pass short intervals and fake readers. */
export interface StackQueryOptions {
  intervalMs?: number;
  maxTraces?: number;
  limits?: QueryLimits;
  readers?: Record<QueryKind, QueryReader>;
  now?: () => number;
}

// Each read looks back past the previous one by this much: a span stored late is still read.
const OVERLAP_MS = 30_000;

// What was read from a project's stores, kept after its poller stops: a project shown again
// is not counted again.
interface Reading {
  seen: SeenSpans;
  lastRead: number | null;
}

interface Poller {
  timer: ReturnType<typeof setTimeout> | null;
  reading: Reading;
  statuses: TraceQueryStatus[];
  stopped: boolean;
}

// Projects whose reading is remembered; the one shown longest ago is forgotten first.
const REMEMBERED = 8;

/**
 * Reads the traces a project's own Zipkin or Jaeger keeps, while a window shows the project:
 * every `intervalMs`, the traces since the last read (the whole window at first), bounded in
 * traces, bytes and time, each span counted once however often it is read again. What goes
 * wrong is a status for the graph, never an error.
 */
export class StackQueries {
  private readonly pollers = new Map<string, Poller>();
  private readonly readings = new Map<string, Reading>();
  // Which project each session (window) shows.
  private readonly watching = new Map<string, string>();
  private readonly intervalMs: number;
  private readonly maxTraces: number;
  private readonly limits: QueryLimits;
  private readonly readers: Record<QueryKind, QueryReader>;
  private readonly now: () => number;

  constructor(
    private readonly deps: StackQueryDependencies,
    options: StackQueryOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 5000;
    this.maxTraces = options.maxTraces ?? 100;
    this.limits = options.limits ?? DEFAULT_QUERY_LIMITS;
    this.readers = options.readers ?? { zipkin: readZipkin, jaeger: readJaeger };
    this.now = options.now ?? Date.now;
  }

  /**
   * Session `session` shows `project` (a Compose project name): its stores are read until the
   * session shows another project or closes (`onClose` is called once per new session).
   */
  watch(session: string, project: string, onClose: (stop: () => void) => void): void {
    const before = this.watching.get(session);
    if (before === project) return;
    if (before === undefined) onClose(() => this.unwatch(session));
    this.watching.set(session, project);
    if (before !== undefined) this.stopIfUnwatched(before);
    if (this.pollers.has(project)) return;
    const reading = this.readings.get(project) ?? { seen: new SeenSpans(), lastRead: null };
    this.readings.delete(project);
    this.readings.set(project, reading);
    if (this.readings.size > REMEMBERED) {
      const oldest = this.readings.keys().next().value;
      if (oldest !== undefined) this.readings.delete(oldest);
    }
    const poller: Poller = { timer: null, reading, statuses: [], stopped: false };
    this.pollers.set(project, poller);
    void this.round(project, poller);
  }

  /** The session closed. */
  unwatch(session: string): void {
    const project = this.watching.get(session);
    this.watching.delete(session);
    if (project !== undefined) this.stopIfUnwatched(project);
  }

  /** How reading the project's stores went last time (none while it is not shown). */
  statuses(project: string): TraceQueryStatus[] {
    return this.pollers.get(project)?.statuses ?? [];
  }

  /** Stops every poller. */
  close(): void {
    for (const project of [...this.pollers.keys()]) this.stop(project);
    this.watching.clear();
  }

  private stopIfUnwatched(project: string): void {
    if (![...this.watching.values()].includes(project)) this.stop(project);
  }

  private stop(project: string): void {
    const poller = this.pollers.get(project);
    if (!poller) return;
    poller.stopped = true;
    if (poller.timer !== null) clearTimeout(poller.timer);
    this.pollers.delete(project);
  }

  private async round(project: string, poller: Poller): Promise<void> {
    try {
      const statuses = await this.read(project, poller);
      if (poller.stopped) return;
      if (statuses !== null && JSON.stringify(statuses) !== JSON.stringify(poller.statuses)) {
        poller.statuses = statuses;
        this.deps.hub.touch();
      }
    } catch {
      // A bug in a reader must not stop the app; the next round tries again.
    }
    if (poller.stopped) return;
    poller.timer = setTimeout(() => void this.round(project, poller), this.intervalMs);
    poller.timer.unref();
  }

  // The statuses of this round; null when the engine did not answer (the last ones stand).
  private async read(project: string, poller: Poller): Promise<TraceQueryStatus[] | null> {
    let containers: Docker.ContainerInfo[];
    try {
      containers = await this.deps.containers(project);
    } catch {
      return null;
    }
    const end = this.now();
    const window = this.deps.hub.windowMs;
    const { reading } = poller;
    const lookbackMs =
      reading.lastRead === null ? window : Math.min(window, end - reading.lastRead + OVERLAP_MS);
    const statuses: TraceQueryStatus[] = [];
    let allRead = true;
    for (const source of querySources(containers)) {
      const status = { kind: source.kind, service: source.service };
      if (source.port === null) {
        statuses.push({ ...status, address: null, problem: source.problem });
        continue;
      }
      const address = `127.0.0.1:${source.port}`;
      try {
        const spans = await this.readers[source.kind](
          source.port,
          { endMs: end, lookbackMs, maxTraces: this.maxTraces },
          this.limits,
        );
        if (poller.stopped) return null;
        const fresh = reading.seen.fresh(spans);
        if (fresh.length > 0) this.deps.hub.addFor(fresh, project);
        statuses.push({ ...status, address, problem: null });
      } catch (error) {
        allRead = false;
        const message = error instanceof Error ? error.message : String(error);
        statuses.push({
          ...status,
          address,
          problem: `reading traces from ${source.kind} at ${address}: ${message}`,
        });
      }
    }
    if (allRead) reading.lastRead = end;
    // In the order a reader expects, not the engine's listing's.
    return statuses.sort((a, b) => a.service.localeCompare(b.service));
  }
}
