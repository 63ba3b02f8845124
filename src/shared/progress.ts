import { z } from 'zod';

/** What a service is doing during up or down, in the order a user sees them. */
export const ServicePhaseSchema = z.enum([
  'pulling',
  'building',
  'creating',
  'recreating',
  'waiting',
  'starting',
  'started',
  'healthy',
  'unchanged',
  'failed',
  'stopping',
  'stopped',
  'restarting',
  'removed',
  'orphaned',
]);
export type ServicePhase = z.infer<typeof ServicePhaseSchema>;

/** One step of one service, pushed to the CLI's progress view and to the UI. */
export const ServiceProgressSchema = z.object({
  service: z.string(),
  phase: ServicePhaseSchema,
  /** Build output, pull progress, or why it failed. */
  detail: z.string().optional(),
  /** How far a pull (bytes of its layers) or build (its steps) is, 0 to 1, when known. */
  fraction: z.number().min(0).max(1).optional(),
  /** Time since the operation began. */
  elapsedMs: z.number().nonnegative(),
});
export type ServiceProgress = z.infer<typeof ServiceProgressSchema>;
