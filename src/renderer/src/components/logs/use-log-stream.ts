import { useEffect, useState, useSyncExternalStore } from 'react';
import type { LogLine } from '../../../../shared/logs';
import { LOG_RING_LIMITS } from '../../../../shared/settings';
import type { Connection } from '../../api/connect-api';
import { LogFeed, type FeedSnapshot, type Scheduler } from './log-feed';

/** Lines each container starts with when the stream opens (then it follows). */
export const LOG_TAIL = 500;

// Batches for a subscription whose id has not come back yet are kept, up to this many lines.
const EARLY_LIMIT = 10_000;

/** The log stream of a project as the view uses it. */
export interface LogStream {
  feed: LogFeed;
  snapshot: FeedSnapshot;
  /** Why the stream could not be opened, if it could not. */
  error: string | null;
}

/**
 * Subscribes to the merged log of a project (or of some of its services: `null` is all of
 * them, an empty list none) for as long as the component is mounted, and again whenever the
 * project or the services change; each new stream starts from the last LOG_TAIL lines of each
 * container. Lines go into a LogFeed sized by the `logRingSize` setting.
 */
export function useLogStream(
  connection: Connection,
  project: string,
  services: readonly string[] | null,
  schedule?: Scheduler,
): LogStream {
  const [feed] = useState(() => new LogFeed(LOG_RING_LIMITS.default, schedule));
  const snapshot = useSyncExternalStore(feed.subscribe, feed.getSnapshot);
  const [failure, setFailure] = useState<{ key: string; message: string } | null>(null);
  const key = `${project}\n${services === null ? '*' : services.join('\n')}`;

  useEffect(() => {
    let live = true;
    connection.api['settings.get']({}).then(
      (settings) => {
        if (live) feed.resize(settings.logRingSize);
      },
      // Without settings the default bound holds.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [connection, feed]);

  useEffect(() => {
    feed.restart();
    if (services !== null && services.length === 0) return;
    let closed = false;
    let current: string | null = null;
    // The first batches can overtake the reply that names their subscription.
    const early = new Map<string, LogLine[][]>();
    let earlyCount = 0;
    const off = connection.events.on('logs.batch', ({ subscription, lines, dropped }) => {
      if (subscription === current) {
        // The server dropped lines before these, as this window fell behind a flood.
        if (dropped) feed.noteDropped(dropped);
        feed.enqueue(lines);
      } else if (current === null && earlyCount + lines.length <= EARLY_LIMIT) {
        early.set(subscription, [...(early.get(subscription) ?? []), lines]);
        earlyCount += lines.length;
      }
    });
    const unsubscribe = (subscription: string): void => {
      connection.api['logs.unsubscribe']({ subscription }).catch(() => {
        // The stream is gone already (the connection closed, or the server restarted).
      });
    };
    connection.api['logs.subscribe']({
      project,
      tail: LOG_TAIL,
      ...(services === null ? {} : { services: [...services] }),
    }).then(
      ({ subscription }) => {
        if (closed) return unsubscribe(subscription);
        current = subscription;
        for (const lines of early.get(subscription) ?? []) feed.enqueue(lines);
        early.clear();
      },
      (error: unknown) => {
        if (!closed) setFailure({ key, message: messageOf(error) });
      },
    );
    return () => {
      closed = true;
      off();
      if (current !== null) unsubscribe(current);
      feed.stop();
    };
    // `key` stands for project and services.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [connection, feed, key]);

  return { feed, snapshot, error: failure?.key === key ? failure.message : null };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
