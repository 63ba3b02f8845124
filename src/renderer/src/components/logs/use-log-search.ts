import { useEffect, useMemo, useState } from 'react';
import type { LogFeed } from './log-feed';
import { parseLogQuery, type LogQuery } from './log-query';
import { RegexSearch, type SearchProgress, type SearchWorkerFactory } from './log-search';

/** How long typing must pause before the search runs. */
export const SEARCH_DELAY_MS = 200;

/** The Logs search as the view uses it. */
export interface LogSearchState {
  /** What the search box holds now. */
  text: string;
  setText: (text: string) => void;
  /** The query applied (after the pause), with highlights from wherever it runs. */
  query: LogQuery;
  /** A /regex/ search's progress; null for plain text (searched at once) or no search. */
  progress: SearchProgress | null;
}

/**
 * The search box's text, applied to the feed once typing pauses: plain text is matched on the
 * page (linear time), a /regex/ in a worker with a time budget (RegexSearch), so a pattern
 * with catastrophic backtracking cannot freeze the page.
 */
export function useLogSearch(
  feed: LogFeed,
  makeWorker: SearchWorkerFactory,
  delayMs: number = SEARCH_DELAY_MS,
): LogSearchState {
  const [text, setText] = useState('');
  const [applied, setApplied] = useState<LogQuery>(() => parseLogQuery(''));
  // Tagged with its search, so a new query never shows the last one's progress.
  const [progress, setProgress] = useState<{ search: RegexSearch; value: SearchProgress } | null>(
    null,
  );

  useEffect(() => {
    if (text === applied.source) return;
    const timer = setTimeout(() => setApplied(parseLogQuery(text)), delayMs);
    return () => clearTimeout(timer);
  }, [text, applied.source, delayMs]);

  const search = useMemo(() => {
    if (!applied.pattern) return null;
    const { body, flags } = applied.pattern;
    const made: RegexSearch = new RegexSearch(body, flags, feed, makeWorker, (value) =>
      setProgress({ search: made, value }),
    );
    return made;
  }, [applied, feed, makeWorker]);

  useEffect(() => {
    if (search) {
      search.start();
      return () => search.dispose();
    }
    const plain = applied.source === '' || applied.error !== null ? null : applied;
    feed.setFilter(plain && (({ plain: line }) => plain.test(line)));
    return undefined;
  }, [feed, applied, search]);

  const query = useMemo(
    () => (search ? { ...applied, test: () => false, ranges: search.ranges } : applied),
    [applied, search],
  );
  return {
    text,
    setText,
    query,
    progress: progress !== null && progress.search === search ? progress.value : null,
  };
}
