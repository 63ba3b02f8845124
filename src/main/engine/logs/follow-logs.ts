import type { Readable } from 'node:stream';
import type { ContainerInspectInfo } from 'dockerode';
import type { LogBatch, LogLine, LogStream } from '../../../shared/logs';
import { COMPOSE_LABEL } from '../compose-labels';
import type { DockerEngine } from '../docker-engine';
import { watchEngine, type WatchEvent } from '../engine-watcher';
import { LogBatcher, type BatchOptions } from './batcher';
import { LogDemuxer } from './demux';
import { LineSplitter } from './line-splitter';
import { ServiceLogHistory } from './log-ring';
import {
  dateToTimestamp,
  laterTimestamp,
  normalizeTimestamp,
  timestampToSince,
} from './timestamps';

/** What to read of a project's logs and where the lines go. */
export interface FollowLogsOptions {
  /** Only these services; all when empty. */
  services?: readonly string[];
  /** Keep reading as containers print, and attach containers that start later. */
  follow: boolean;
  /** Lines from the end of each container's log to start with; all when absent. */
  tail?: number | 'all';
  /** Only lines from this normalized timestamp on (see parseSince). */
  since?: string;
  onBatch: (batch: LogBatch) => void;
  /**
   * A container's log could not be read (one that was removed meanwhile is not reported, nor,
   * when following, an engine that went away: the read resumes when it is back).
   */
  onError?: (error: Error) => void;
  /** Lines kept per service for history(); 5000 unless given. */
  ringCapacity?: number;
  batch?: BatchOptions;
  maxLineBytes?: number;
}

/** A running read of a project's logs. */
export interface LogsHandle {
  /** Settles once every log has been read to its end (without follow) or after stop(). */
  done: Promise<void>;
  /** Closes every stream, delivers the lines still queued, and waits for both. */
  stop(): Promise<void>;
  /** The lines delivered so far that the per-service rings still hold, oldest first. */
  history(service?: string): LogLine[];
}

// One container's reading state, kept across its runs so that a restart does not repeat lines.
interface Attachment {
  stream: Readable | null;
  busy: boolean;
  /** It started again while its previous run was still being read. */
  again: boolean;
  /** Timestamp of the newest line delivered. */
  last: string | null;
  /** When a read with a numeric tail began (this clock): older lines were left out on purpose. */
  skippedUntil: string | null;
  /** The last read ended because the container stopped, not because the connection broke. */
  complete: boolean;
  retry: ReturnType<typeof setTimeout> | null;
  retryDelayMs: number;
}

type ReadMode = 'tail' | 'from-start' | 'again';

// Pacing of a read resumed after its connection broke (the engine restarting, say).
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 2000;

/**
 * Reads the logs of every container of a project (of the given services), one stream per
 * container, demultiplexed unless the container has a TTY, split into lines and delivered in
 * timestamp-merged batches. With `follow`, a container that starts later is read too, from
 * its start; one already read is resumed after the last line delivered, whether it restarted
 * or its log's connection broke (the engine restarting): no line is lost or repeated.
 */
export async function followProjectLogs(
  engine: DockerEngine,
  project: string,
  options: FollowLogsOptions,
): Promise<LogsHandle> {
  const services = new Set(options.services ?? []);
  const wanted = (labels: Record<string, string> | undefined): boolean =>
    labels?.[COMPOSE_LABEL.oneoff] !== 'True' &&
    (services.size === 0 || services.has(labels?.[COMPOSE_LABEL.service] ?? ''));
  const history = new ServiceLogHistory(options.ringCapacity);
  const batcher = new LogBatcher<LogLine>((lines) => {
    history.add(lines);
    options.onBatch({ project, lines });
  }, options.batch);
  const attachments = new Map<string, Attachment>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  // Resolves true when the read ended because the container stopped: all of its log was read.
  const readLog = async (id: string, state: Attachment, mode: ReadMode): Promise<boolean> => {
    const info = await engine.inspectContainer(id);
    if (stopped) return true;
    const labels = info.Config.Labels ?? {};
    const service = labels[COMPOSE_LABEL.service] ?? '';
    const container = info.Name.replace(/^\//, '');
    // Lines up to here were delivered (or left out by tail) by earlier reads; a read that
    // ended with its container also covered that run up to its end.
    const floor =
      mode === 'again'
        ? laterTimestamp(state.last ?? state.skippedUntil, state.complete ? finishedAt(info) : null)
        : null;
    const since = laterTimestamp(options.since, floor);
    const tailed = mode === 'tail' && typeof options.tail === 'number';
    if (tailed) state.skippedUntil = dateToTimestamp(new Date());
    const stream = await engine.containerLogs(id, {
      follow: options.follow,
      ...(mode === 'tail' && options.tail !== undefined ? { tail: options.tail } : {}),
      ...(since ? { since: timestampToSince(since) } : {}),
    });
    if (stopped) {
      stream.destroy();
      return true;
    }
    state.stream = stream;
    const splitter = (kind: LogStream): LineSplitter =>
      new LineSplitter(
        (line) => {
          // The engine's since is inclusive: the line at the floor was delivered already.
          if (floor && line.timestamp <= floor) return;
          state.last = laterTimestamp(state.last, line.timestamp);
          batcher.add({
            service,
            container,
            stream: kind,
            timestamp: line.timestamp,
            text: line.text,
            ...(line.truncated ? { truncated: true } : {}),
          });
        },
        options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes },
      );
    const stdout = splitter('stdout');
    const stderr = splitter('stderr');
    const demuxer = info.Config.Tty
      ? null
      : new LogDemuxer((kind, payload) =>
          (kind === 'stderr' ? stderr : stdout).push(payload, true),
        );
    const ended = await new Promise<boolean>((resolve) => {
      stream.on('data', (chunk: Buffer) => {
        if (demuxer) demuxer.push(chunk);
        else stdout.push(chunk);
      });
      // `on`, not `once`: a second error after the first must not go unhandled.
      stream.on('error', () => resolve(false));
      stream.once('end', () => resolve(true));
      stream.once('close', () => resolve(false));
    });
    // A line cut off by a broken connection is left out: resumed after the last whole line,
    // the read gets it again, whole. Without follow there is no resume, so it is kept.
    if (ended || !options.follow || stopped) {
      demuxer?.end();
      stdout.end();
      stderr.end();
    }
    if (!ended || !options.follow || stopped) return ended;
    // An engine shutting down may end the log cleanly while the container runs on.
    return !(await engine.inspectContainer(id)).State.Running;
  };

  // A read cut off by a broken connection is resumed, after a wait that grows while the
  // engine stays away; a container started meanwhile is attached by its start event anyway.
  const resumeLater = (id: string, state: Attachment): void => {
    if (stopped || state.retry) return;
    state.retry = setTimeout(() => {
      state.retry = null;
      attach(id, 'from-start');
    }, state.retryDelayMs);
    state.retryDelayMs = Math.min(state.retryDelayMs * 2, RETRY_MAX_MS);
  };

  const attach = (id: string, mode: Exclude<ReadMode, 'again'>): void => {
    if (stopped) return;
    const known = attachments.get(id);
    if (known?.busy) {
      known.again = true;
      return;
    }
    const state: Attachment = known ?? {
      stream: null,
      busy: false,
      again: false,
      last: null,
      skippedUntil: null,
      complete: false,
      retry: null,
      retryDelayMs: RETRY_MIN_MS,
    };
    attachments.set(id, state);
    if (state.retry) clearTimeout(state.retry);
    state.retry = null;
    state.busy = true;
    const task = readLog(id, state, known ? 'again' : mode)
      .then(
        (complete) => {
          state.complete = complete;
          if (complete) state.retryDelayMs = RETRY_MIN_MS;
          else if (options.follow) resumeLater(id, state);
        },
        (error: unknown) => {
          if (stopped || isNotFound(error)) return;
          if (options.follow && isConnectionError(error)) {
            state.complete = false;
            resumeLater(id, state);
          } else {
            options.onError?.(asError(error));
          }
        },
      )
      .finally(() => {
        running.delete(task);
        state.busy = false;
        state.stream = null;
        if (state.again) {
          state.again = false;
          attach(id, 'from-start');
        }
      });
    running.add(task);
  };

  const attachListed = async (mode: Exclude<ReadMode, 'again'>): Promise<void> => {
    for (const info of await engine.listProjectContainers(project)) {
      if (wanted(info.Labels)) attach(info.Id, mode);
    }
  };

  // Subscribed (and the subscription open) before listing, so a container starting in
  // between is not missed; one seen both ways is read once (attach is idempotent while a read
  // is under way). The engine's one watcher resumes its events after a restart by itself.
  let unsubscribe: () => void = () => undefined;
  let listed = false;
  if (options.follow) {
    const watcher = watchEngine(engine);
    unsubscribe = watcher.subscribe(
      (event: WatchEvent) => {
        if (event.type === 'container' && event.action === 'start' && wanted(event.attributes)) {
          attach(event.containerId, 'from-start');
        }
        // Back after the engine was away: every container is read on from where it was left,
        // in case a start fell out of the engine's event history (it keeps only the last few).
        if (event.type === 'engine' && event.reachable && listed) {
          attachListed('from-start').catch(() => undefined);
        }
      },
      { project },
    );
    try {
      await watcher.ready();
    } catch (error) {
      unsubscribe();
      throw error;
    }
  }
  try {
    await attachListed('tail');
    listed = true;
  } catch (error) {
    unsubscribe();
    throw error;
  }

  const settle = async (): Promise<void> => {
    // Finishing reads may start new ones (a restart seen meanwhile), hence the loop.
    while (running.size > 0) await Promise.all([...running]);
    batcher.flush();
  };
  let requestStop: () => void = () => undefined;
  const stopRequested = new Promise<void>((resolve) => (requestStop = resolve));
  const done = (options.follow ? stopRequested : Promise.resolve()).then(settle);

  return {
    done,
    async stop() {
      stopped = true;
      unsubscribe();
      for (const state of attachments.values()) {
        if (state.retry) clearTimeout(state.retry);
        state.stream?.destroy();
      }
      requestStop();
      await done;
    },
    history: (service) => history.snapshot(service),
  };
}

// When the container's previous run ended; the engine reports year 1 for "never".
function finishedAt(info: ContainerInspectInfo): string | null {
  const timestamp = normalizeTimestamp(info.State.FinishedAt);
  return timestamp && !timestamp.startsWith('0001-') ? timestamp : null;
}

// The connection failed (refused, reset, EPIPE on an engine going down, ...) rather than the
// engine answering with an error: worth trying again once the engine is back.
function isConnectionError(error: unknown): boolean {
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  return typeof code === 'string' && statusCode === undefined;
}

function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: number } | null)?.statusCode === 404;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
