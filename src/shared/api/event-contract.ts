import { z } from 'zod';
import { DriftSummarySchema } from '../drift-summary';
import { LogLineSchema, parseLogLinesFast } from '../logs';
import { ProjectSummarySchema } from '../projects';
import { ServiceProgressSchema } from '../progress';
import { EngineStatusSchema } from '../engine-status';
import type { ApiEventName } from './methods';

/** A project's tab to show. */
export const NavigationSchema = z.object({
  project: z.string(),
  view: z.enum(['graph', 'logs', 'drift']),
});
export type Navigation = z.infer<typeof NavigationSchema>;

/** The operations that report progress. */
export const OperationSchema = z.enum([
  'up',
  'down',
  'start',
  'stop',
  'restart',
  'remove',
  'action',
]);
export type Operation = z.infer<typeof OperationSchema>;

/**
 * Every event the core pushes, with the schema of its payload. The receiving side validates
 * each one, like the replies to requests.
 */
export const apiEvents = {
  /** The engine became reachable or unreachable. */
  'engine.status': EngineStatusSchema,
  /** A project's state, health counts, drift count or actions changed. */
  'project.changed': ProjectSummarySchema,
  /** A project was removed from Parity (its containers are untouched). */
  'project.removed': z.object({ id: z.string() }),
  /** One step of an operation on a project; `done` closes the operation. */
  progress: z.object({
    project: z.string(),
    operation: OperationSchema,
    step: ServiceProgressSchema.optional(),
    done: z.object({ ok: z.boolean(), message: z.string().optional() }).optional(),
  }),
  /** Lines for one logs.subscribe subscription, in timestamp order. */
  'logs.batch': z.object({
    subscription: z.string(),
    lines: z.array(LogLineSchema),
    /** Lines the server dropped just before these, as the window read slower than they came. */
    dropped: z.number().int().nonnegative().optional(),
  }),
  /** A project's drift report changed (its files changed); ask drift.get for the new one. */
  'drift.changed': z.object({ project: z.string(), summary: DriftSummarySchema.nullable() }),
  /** The desktop app asks its window to show a project's tab (a tray item, a notification). */
  navigate: NavigationSchema,
  /** Observed calls changed (new spans, a reset); ask traces.edges for a project's. */
  'traces.changed': z.object({}),
} as const satisfies Record<ApiEventName, z.ZodType>;

/** The payload of one event. */
export type ApiEventPayload<E extends ApiEventName> = z.output<(typeof apiEvents)[E]>;

/**
 * Faster validators of some events' payloads, for a flood of them: each gives what its
 * event's schema gives for a payload it accepts, and null for any other (which the schema
 * then judges), so that every payload is still validated, only more cheaply.
 */
export const fastEventParsers: {
  [E in ApiEventName]?: (payload: unknown) => ApiEventPayload<E> | null;
} = {
  'logs.batch': (payload) => {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
    const { subscription, lines, dropped } = payload as Record<string, unknown>;
    if (typeof subscription !== 'string') return null;
    if (dropped !== undefined && !(Number.isInteger(dropped) && (dropped as number) >= 0)) {
      return null;
    }
    const parsed = parseLogLinesFast(lines);
    if (!parsed) return null;
    return dropped === undefined
      ? { subscription, lines: parsed }
      : { subscription, lines: parsed, dropped: dropped as number };
  },
};

/** One pushed event: its name and payload. */
export type ApiEvent = {
  [E in ApiEventName]: { event: E; payload: ApiEventPayload<E> };
}[ApiEventName];

/** An event frame as it crosses a boundary, before validation. */
export const EventFrameSchema = z.object({ event: z.string(), payload: z.unknown() }).strict();
