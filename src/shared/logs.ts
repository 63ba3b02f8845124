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
