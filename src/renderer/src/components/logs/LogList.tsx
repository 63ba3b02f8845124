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

// Rows rendered past the edges of the view.
const OVERSCAN = 20;

// Rows are keyed by their place in the list modulo this (more than the rows in any view), so
// that a row scrolled out is reused for one scrolled in: in a flood, every line in view changes
// every frame, and updating rows costs less than replacing them.
const ROW_SLOTS = 1024;

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
  // Where the view was last scrolled to (by the user or by us), to tell up from down.
  const lastTop = useRef(0);
  // What following last scrolled to the bottom of.
  const followedTo = useRef<{ bottom: number; viewport: number } | null>(null);
  // The line at the top of the view and how far it is scrolled past, kept while paused.
  const anchor = useRef<{ seq: number; offset: number } | null>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders through our own state; nothing here is memoized by the compiler
  const virtualizer = useVirtualizer({
    count: snapshot.shown,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => index % ROW_SLOTS,
    overscan: OVERSCAN,
  });

  // The height of the view: it changes from 0 when a hidden tab is shown.
  const viewportHeight = virtualizer.scrollRect?.height ?? 0;
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    if (following) {
      // To the bottom, computed from the count rather than read from scrollHeight, and only
      // when it moved or the view changed size: setting scrollTop forces a layout, and a full
      // ring, the usual state in a flood, keeps its height.
      const bottom = snapshot.shown * ROW_HEIGHT;
      const done = followedTo.current;
      if (done?.bottom !== bottom || done.viewport !== viewportHeight) {
        element.scrollTop = bottom;
        followedTo.current = { bottom, viewport: viewportHeight };
        lastTop.current = bottom;
      }
      return;
    }
    followedTo.current = null;
    if (anchor.current) {
      const { seq, offset } = anchor.current;
      const index = feed.indexOfSeq(seq);
      if (index >= 0) element.scrollTop = index * ROW_HEIGHT + offset;
      else if (seq < snapshot.firstSeq) element.scrollTop = 0;
    }
    lastTop.current = element.scrollTop;
    // Not on every render: the virtualizer re-renders as the user scrolls, before onScroll
    // has had a chance to pause, and following would pull the view back down.
  }, [feed, snapshot, following, viewportHeight]);

  // Following, the rows in view are the last ones: render them now, rather than where the
  // virtualizer last saw the view (it learns of the scroll only at the next frame).
  const rows: ReadonlyArray<{ index: number; start: number }> = following
    ? bottomRows(snapshot.shown, viewportHeight)
    : virtualizer.getVirtualItems();

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
        {rows.map((item) => {
          const line = feed.lineAt(item.index);
          if (!line) return null;
          return (
            <LogRow
              key={item.index % ROW_SLOTS}
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

/** The last rows of a list of `count`, enough to fill a view of this height. */
function bottomRows(count: number, height: number): Array<{ index: number; start: number }> {
  // Nothing is below the last row, and little above the view is seen before the next frame.
  const first = Math.max(0, count - Math.ceil(height / ROW_HEIGHT) - 2);
  const rows: Array<{ index: number; start: number }> = [];
  for (let index = first; index < count; index++) rows.push({ index, start: index * ROW_HEIGHT });
  return rows;
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
