import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useLayoutEffect, useRef, type CSSProperties } from 'react';
import { AnsiText } from './AnsiText';
import type { FeedLine, FeedSnapshot, LogFeed } from './log-feed';
import { containerLabel, serviceHue, shortTimestamp } from './log-format';
import type { LogQuery } from './log-query';

/** Height of one line in pixels; lines do not wrap (the list scrolls sideways), so it is fixed. */
export const ROW_HEIGHT = 18;

// How near the bottom counts as "at the latest line".
const BOTTOM_SLACK = ROW_HEIGHT;

interface LogListProps {
  /** The accessible name of the log. */
  label: string;
  feed: LogFeed;
  snapshot: FeedSnapshot;
  query: LogQuery;
  timestamps: boolean;
  following: boolean;
  /** The user scrolled up while following. */
  onPause: () => void;
  /** The user scrolled back down to the latest line while paused. */
  onResume: () => void;
  /** Widest container label, in characters, so that the text column lines up. */
  labelWidth: number;
}

/**
 * The log itself: only the rows in view (and a few around) are in the DOM, so a ring of a
 * million lines scrolls like one of a hundred. While following, it stays at the newest line;
 * while paused, the line at the top stays put as new lines arrive and old ones leave the ring.
 */
export function LogList(props: LogListProps) {
  const { feed, snapshot, following, onPause, onResume } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastTop = useRef(0);
  // The line at the top of the view and how far it is scrolled past, kept while paused.
  const anchor = useRef<{ seq: number; offset: number } | null>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders through our own state; nothing here is memoized by the compiler
  const virtualizer = useVirtualizer({
    count: snapshot.shown,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => feed.lineAt(index)?.seq ?? -1 - index,
    overscan: 20,
  });

  // The height of the view: it changes from 0 when a hidden tab is shown.
  const viewportHeight = virtualizer.scrollRect?.height ?? 0;
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    if (following) {
      element.scrollTop = element.scrollHeight;
    } else if (anchor.current) {
      const { seq, offset } = anchor.current;
      const index = feed.indexOfSeq(seq);
      if (index >= 0) element.scrollTop = index * ROW_HEIGHT + offset;
      else if (seq < snapshot.firstSeq) element.scrollTop = 0;
    }
    lastTop.current = element.scrollTop;
    // Not on every render: the virtualizer re-renders as the user scrolls, before onScroll
    // has had a chance to pause, and following would pull the view back down.
  }, [feed, snapshot, following, viewportHeight]);

  const onScroll = (): void => {
    const element = scrollRef.current;
    if (!element) return;
    const top = element.scrollTop;
    const atBottom = element.scrollHeight - top - element.clientHeight <= BOTTOM_SLACK;
    if (following && !atBottom && top < lastTop.current) onPause();
    else if (!following && atBottom && top > lastTop.current) onResume();
    lastTop.current = top;
    const index = Math.floor(top / ROW_HEIGHT);
    const line = feed.lineAt(index);
    anchor.current = line ? { seq: line.seq, offset: top - index * ROW_HEIGHT } : null;
  };

  return (
    <div
      ref={scrollRef}
      className="log-list"
      role="log"
      aria-label={props.label}
      // Focusable, so that the keyboard can scroll it.
      tabIndex={0}
      onScroll={onScroll}
      data-lines-received={snapshot.received}
      data-lines-held={snapshot.held}
      style={{ '--log-label-width': `${props.labelWidth}ch` } as CSSProperties}
    >
      <div className="log-rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const line = feed.lineAt(item.index);
          if (!line) return null;
          return (
            <LogRow
              key={line.seq}
              line={line}
              top={item.start}
              query={props.query}
              timestamps={props.timestamps}
            />
          );
        })}
      </div>
    </div>
  );
}

/** One line: who printed it (in the service's colour), when, and what. */
const LogRow = memo(function LogRow({
  line: { line, plain },
  top,
  query,
  timestamps,
}: {
  line: FeedLine;
  top: number;
  query: LogQuery;
  timestamps: boolean;
}) {
  const classes = `log-row${line.stream === 'stderr' ? ' log-stderr' : ''}`;
  return (
    <div className={classes} style={{ transform: `translateY(${top}px)` }}>
      <span
        className="log-source"
        title={`${line.container} (${line.stream})`}
        style={{ '--service-hue': serviceHue(line.service) } as CSSProperties}
      >
        {containerLabel(line)}
      </span>
      {timestamps && (
        <time className="log-time" dateTime={line.timestamp}>
          {shortTimestamp(line.timestamp)}
        </time>
      )}
      <span className="log-text">
        <AnsiText text={line.text} ranges={query.ranges(plain)} />
        {line.truncated && (
          <span className="log-truncated" title="The line was longer than the limit and was cut">
            {' '}
            …
          </span>
        )}
      </span>
    </div>
  );
});
