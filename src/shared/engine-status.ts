import { z } from 'zod';

/**
 * Whether the Docker engine answers, where it is, and what to do when it does not. `source`
 * says why that engine: `context "colima"`, `DOCKER_HOST`, `the default socket`, ….
 */
export const EngineStatusSchema = z.discriminatedUnion('reachable', [
  z.object({
    reachable: z.literal(true),
    endpoint: z.string(),
    source: z.string().optional(),
    version: z.string(),
  }),
  z.object({
    reachable: z.literal(false),
    endpoint: z.string(),
    source: z.string().optional(),
    reason: z.string(),
  }),
]);
export type EngineStatus = z.infer<typeof EngineStatusSchema>;

/** An engine Settings offers: a Docker context or a socket found on this machine. */
export const EngineChoiceSchema = z.object({
  kind: z.enum(['context', 'socket']),
  /** What Settings stores to pick it (the context's name, the socket's address); null: cannot be picked. */
  value: z.string().nullable(),
  /** The context's name, or whose socket it is. */
  label: z.string(),
  endpoint: z.string().nullable(),
  /** Whether it answered a ping; `invalid`: its context cannot be read. */
  state: z.enum(['reachable', 'unreachable', 'invalid']),
  /** The engine's version, or why it cannot be used. */
  detail: z.string(),
  /** Whether Parity talks to this one now. */
  inUse: z.boolean(),
});
export type EngineChoice = z.infer<typeof EngineChoiceSchema>;

/** The engines Settings offers, and the one in use with why. */
export const EngineChoicesSchema = z.object({
  inUse: z.object({ endpoint: z.string(), source: z.string() }).nullable(),
  choices: z.array(EngineChoiceSchema),
});
export type EngineChoices = z.infer<typeof EngineChoicesSchema>;
