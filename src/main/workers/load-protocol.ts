import { z } from 'zod';
import { DriftResultSchema, type DriftResult } from '../../shared/api/contract';
import type { LoadResult } from '../config/load-project';
import { compareJobSchemas, type CompareJob } from './compare-protocol';
import { LoadResultSchema } from './project-schema';

/** Read a folder, and its drift report against production if asked. */
export interface LoadJob {
  kind: 'load';
  folder: string;
  /** Every profile active (what drift reads) or only those COMPOSE_PROFILES names. */
  allProfiles: boolean;
  /** With compose.mirror.yaml (the project's Mirror production switch is on). */
  mirror: boolean;
  drift: boolean;
}

/** Whatever a worker of the pool is asked: a load, or a comparison with what runs. */
export type PoolJob = LoadJob | CompareJob;

/** A job as posted to the worker, numbered so its answers can be told apart. */
export type WorkerRequest = PoolJob & { seq: number };

/** A request as the worker checks it on arrival. */
export const WorkerRequestSchema: z.ZodType<WorkerRequest> = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('load'),
      folder: z.string(),
      allProfiles: z.boolean(),
      mirror: z.boolean(),
      drift: z.boolean(),
    }),
    ...compareJobSchemas,
  ])
  .and(z.object({ seq: z.number() }));

/** The step the worker is on, so a request stopped at the time limit can say where it was. */
export type LoadStep = 'project' | 'production' | 'drift' | 'runtime' | 'lock';

/** What the worker answers, as parsed (and checked) on the main process's side. */
export type WorkerReply =
  | { kind: 'ready'; tid: number | null }
  | { kind: 'step'; seq: number; step: LoadStep; detail: string }
  | { kind: 'done'; seq: number; loaded: LoadResult; drift: DriftResult | null }
  | { kind: 'compared'; seq: number; drift: DriftResult }
  | { kind: 'failed'; seq: number; message: string };

/** Every message a load worker may post; anything else is a bug, answered as a failure. */
export const WorkerReplySchema: z.ZodType<WorkerReply> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), tid: z.number().int().nullable() }),
  z.object({
    kind: z.literal('step'),
    seq: z.number(),
    step: z.enum(['project', 'production', 'drift', 'runtime', 'lock']),
    detail: z.string(),
  }),
  z.object({
    kind: z.literal('done'),
    seq: z.number(),
    loaded: LoadResultSchema,
    drift: DriftResultSchema.nullable(),
  }),
  z.object({ kind: z.literal('compared'), seq: z.number(), drift: DriftResultSchema }),
  z.object({ kind: z.literal('failed'), seq: z.number(), message: z.string() }),
]);
