import { z } from 'zod';

/** Whether the Docker engine answers, where it is, and what to do when it does not. */
export const EngineStatusSchema = z.discriminatedUnion('reachable', [
  z.object({ reachable: z.literal(true), endpoint: z.string(), version: z.string() }),
  z.object({ reachable: z.literal(false), endpoint: z.string(), reason: z.string() }),
]);
export type EngineStatus = z.infer<typeof EngineStatusSchema>;
