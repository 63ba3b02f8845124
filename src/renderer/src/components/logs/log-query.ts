/** A search over log lines: which lines match, and where in a line. */
export interface LogQuery {
  /** What the user typed. */
  source: string;
  /** The input is a /regex/ that does not compile: why, to show instead of matching. */
  error: string | null;
  /**
   * A /regex/ that compiles: its body and flags. Such a query is run by RegexSearch in a
   * worker, never with test()/ranges() on the page's thread, where a catastrophic pattern
   * would freeze it.
   */
  pattern: { body: string; flags: string } | null;
  /** Whether a line (escape sequences removed) matches; true for an empty query. */
  test(text: string): boolean;
  /** The [start, end) ranges of every non-empty match in a line, for highlighting. */
  ranges(text: string): Array<[number, number]>;
}

const EVERYTHING: Omit<LogQuery, 'source'> = {
  error: null,
  pattern: null,
  test: () => true,
  ranges: () => [],
};

// `/body/flags`: the body may itself contain slashes.
const REGEX_INPUT = /^\/(.+)\/([a-z]*)$/s;

/**
 * Reads what the search box holds: `/body/flags` is a regular expression (case-sensitive
 * unless `i` is given), anything else plain text matched without regard to case.
 */
export function parseLogQuery(source: string): LogQuery {
  if (source === '') return { source, ...EVERYTHING };
  const regex = REGEX_INPUT.exec(source);
  const [body, flags] = regex ? [regex[1] ?? '', regex[2] ?? ''] : [escapeRegExp(source), 'i'];
  let tester: RegExp;
  let finder: RegExp;
  try {
    tester = new RegExp(body, flags.replace(/[gy]/g, ''));
    finder = new RegExp(body, flags.includes('g') ? flags : `${flags}g`);
  } catch (error) {
    // V8 says "Invalid regular expression: /body/flags: why"; the view says the first part.
    const message = (error instanceof Error ? error.message : String(error)).replace(
      /^Invalid regular expression: \/.*\/[a-z]*: /s,
      '',
    );
    return { source, ...EVERYTHING, test: () => false, error: message };
  }
  return {
    source,
    error: null,
    pattern: regex ? { body, flags } : null,
    test: (text) => tester.test(text),
    ranges: (text) => {
      const found: Array<[number, number]> = [];
      finder.lastIndex = 0;
      for (let m = finder.exec(text); m; m = finder.exec(text)) {
        // A zero-width match highlights nothing; step past it so that the loop ends.
        if (m[0] === '') finder.lastIndex++;
        else found.push([m.index, m.index + m[0].length]);
      }
      return found;
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
