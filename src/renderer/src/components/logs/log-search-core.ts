/** A chunk of lines for the search worker: their seqs and their text (escapes removed). */
export interface SearchRequest {
  id: number;
  body: string;
  flags: string;
  seqs: number[];
  texts: string[];
}

/** The lines of a chunk that match, with the [start, end) ranges to highlight in each. */
export interface SearchReply {
  id: number;
  seqs: number[];
  ranges: Array<Array<[number, number]>>;
}

/**
 * Runs a user's regular expression over a chunk of lines. It runs in the search worker, never
 * on the page's thread: a pattern such as /(a+)+$/ takes exponential time on some lines, and
 * only a worker can be stopped (terminated) while it runs.
 */
export function searchChunk({ id, body, flags, seqs, texts }: SearchRequest): SearchReply {
  const tester = new RegExp(body, flags.replace(/[gy]/g, ''));
  const finder = new RegExp(
    body,
    flags.includes('g') ? flags.replace('y', '') : `${flags.replace('y', '')}g`,
  );
  const reply: SearchReply = { id, seqs: [], ranges: [] };
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] ?? '';
    if (!tester.test(text)) continue;
    const found: Array<[number, number]> = [];
    finder.lastIndex = 0;
    for (let m = finder.exec(text); m; m = finder.exec(text)) {
      // A zero-width match highlights nothing; step past it so that the loop ends.
      if (m[0] === '') finder.lastIndex++;
      else found.push([m.index, m.index + m[0].length]);
    }
    reply.seqs.push(seqs[i] ?? 0);
    reply.ranges.push(found);
  }
  return reply;
}
