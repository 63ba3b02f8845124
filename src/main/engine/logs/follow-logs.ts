import type { Readable } from 'node:stream';
import type { ContainerInspectInfo } from 'dockerode';
import type { LogBatch, LogLine, LogStream } from '../../../shared/logs';
import { COMPOSE_LABEL } from '../compose-labels';
import type { DockerEngine } from '../docker-engine';
import { parseEventStream } from '../event-stream';
import { LogBatcher, type BatchOptions } from './batcher';
import { LogDemuxer } from './demux';
import { LineSplitter } from './line-splitter';
import { ServiceLogHistory } from './log-ring';
import { laterTimestamp, normalizeTimestamp, timestampToSince } from './timestamps';

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
  /** A container's log could not be read (one that was removed meanwhile is not reported). */
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
}

type ReadMode = 'tail' | 'from-start' | 'again';

/**
 * Reads the logs of every container of a project (of the given services), one stream per
 * container, demultiplexed unless the container has a TTY, split into lines and delivered in
 * timestamp-merged batches. With `follow`, a container that starts later is read too, from
 * its start; one already read is resumed after the last line delivered.
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

  const readLog = async (id: string, state: Attachment, mode: ReadMode): Promise<void> => {
    const info = await engine.inspectContainer(id);
    if (stopped) return;
    const labels = info.Config.Labels ?? {};
    const service = labels[COMPOSE_LABEL.service] ?? '';
    const container = info.Name.replace(/^\//, '');
    // Lines up to here were delivered (or left out by tail) while an earlier run was read.
    const floor = mode === 'again' ? laterTimestamp(state.last, finishedAt(info)) : null;
    const since = laterTimestamp(options.since, floor);
    const stream = await engine.containerLogs(id, {
      follow: options.follow,
      ...(mode === 'tail' && options.tail !== undefined ? { tail: options.tail } : {}),
      ...(since ? { since: timestampToSince(since) } : {}),
    });
    if (stopped) {
      stream.destroy();
      return;
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
    await new Promise<void>((resolve) => {
      stream.on('data', (chunk: Buffer) => {
        if (demuxer) demuxer.push(chunk);
        else stdout.push(chunk);
      });
      // A broken connection ends this container's log like its end does: what came is kept.
      stream.once('error', () => resolve());
      stream.once('end', () => resolve());
      stream.once('close', () => resolve());
    });
    demuxer?.end();
    stdout.end();
    stderr.end();
  };

  const attach = (id: string, mode: Exclude<ReadMode, 'again'>): void => {
    if (stopped) return;
    const known = attachments.get(id);
    if (known?.busy) {
      known.again = true;
      return;
    }
    const state: Attachment = known ?? { stream: null, busy: false, again: false, last: null };
    attachments.set(id, state);
    state.busy = true;
    const task = readLog(id, state, known ? 'again' : mode)
      .catch((error: unknown) => {
        if (!stopped && !isNotFound(error)) options.onError?.(asError(error));
      })
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

  // Subscribed before listing, so a container starting in between is not missed; one seen
  // both ways is read once (attach is idempotent while a read is under way).
  const events = options.follow
    ? await engine.projectContainerEventStream(project, ['start'])
    : null;
  if (events) {
    // The subscription dying (engine restart) only stops new containers from being attached.
    events.on('error', () => undefined);
    parseEventStream(events, (event) => {
      if (event.action === 'start' && wanted(event.attributes)) attach(event.id, 'from-start');
    });
  }
  try {
    for (const info of await engine.listProjectContainers(project)) {
      if (wanted(info.Labels)) attach(info.Id, 'tail');
    }
  } catch (error) {
    events?.destroy();
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
      events?.destroy();
      for (const state of attachments.values()) state.stream?.destroy();
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

function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: number } | null)?.statusCode === 404;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
