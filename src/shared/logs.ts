import { z } from 'zod';

/** Which output of the container a line came from (a TTY container has only stdout). */
export const LogStreamSchema = z.enum(['stdout', 'stderr']);
export type LogStream = z.infer<typeof LogStreamSchema>;

/** One line a service container printed, its engine timestamp prefix parsed off. */
export const LogLineSchema = z.object({
  service: z.string(),
  /** The container's name as the engine reports it (project prefix included, no slash). */
  container: z.string(),
  stream: LogStreamSchema,
  /**
   * When the engine received the line, UTC with nine fraction digits, so that comparing two
   * timestamps as strings orders them in time.
   */
  timestamp: z.iso.datetime(),
  /** Without its line ending. */
  text: z.string(),
  /** The line was longer than the cap and was cut; the rest of it was dropped. */
  truncated: z.boolean().optional(),
});
export type LogLine = z.infer<typeof LogLineSchema>;

/** Lines of one project delivered together, in timestamp order. */
export const LogBatchSchema = z.object({
  project: z.string(),
  lines: z.array(LogLineSchema),
});
export type LogBatch = z.infer<typeof LogBatchSchema>;

// What LogLineSchema accepts as a timestamp, as a plain regex (the schema's own).
const TIMESTAMP = LogLineSchema.shape.timestamp._zod.def.pattern;

/**
 * Validates a list of lines as `z.array(LogLineSchema)` does, for the common case, at a
 * fraction of its cost (a log flood sends a million lines a minute through it): a list this
 * accepts, LogLineSchema accepts too, with the same result (the known fields, fresh objects).
 * Returns null for anything else (a key of the wrong type, `truncated` present as undefined),
 * which the caller then hands to the schema, for its verdict and its issues.
 */
export function parseLogLinesFast(value: unknown): LogLine[] | null {
  if (!Array.isArray(value) || !TIMESTAMP) return null;
  const lines: LogLine[] = new Array<LogLine>(value.length);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'object' || item === null) return null;
    const { service, container, stream, timestamp, text, truncated } = item as Record<
      string,
      unknown
    >;
    if (
      typeof service !== 'string' ||
      typeof container !== 'string' ||
      (stream !== 'stdout' && stream !== 'stderr') ||
      typeof timestamp !== 'string' ||
      typeof text !== 'string' ||
      !TIMESTAMP.test(timestamp)
    ) {
      return null;
    }
    if (truncated === undefined) {
      if ('truncated' in item) return null;
      lines[i] = { service, container, stream, timestamp, text };
    } else if (typeof truncated === 'boolean') {
      lines[i] = { service, container, stream, timestamp, text, truncated };
    } else {
      return null;
    }
  }
  return lines;
}
