import { z } from 'zod';
import { DriftResultSchema, type DriftResult } from '../../shared/api/contract';
import type { EnvironmentModel } from '../../shared/model';
import type { ParityConfig } from '../../shared/parity-config';
import { ProblemSchema } from '../../shared/projects';
import type { LoadResult } from '../config/load-project';

/** What the main process asks the load worker: read a folder, and its drift report if asked. */
export interface LoadRequest {
  seq: number;
  folder: string;
  /** Every profile active (what drift reads) or only those COMPOSE_PROFILES names. */
  allProfiles: boolean;
  /** With compose.mirror.yaml (the project's Mirror production switch is on). */
  mirror: boolean;
  drift: boolean;
}

/** A request as the worker checks it on arrival. */
export const LoadRequestSchema: z.ZodType<LoadRequest> = z.object({
  seq: z.number(),
  folder: z.string(),
  allProfiles: z.boolean(),
  mirror: z.boolean(),
  drift: z.boolean(),
});

/** The step the worker is on, so a request stopped at the time limit can say where it was. */
export type LoadStep = 'project' | 'production' | 'drift';

/** What the worker answers, as parsed (and checked) on the main process's side. */
export type WorkerReply =
  | { kind: 'ready'; tid: number | null }
  | { kind: 'step'; seq: number; step: LoadStep; detail: string }
  | { kind: 'done'; seq: number; loaded: LoadResult; drift: DriftResult | null }
  | { kind: 'failed'; seq: number; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// The model has no schema of its own (it never crosses to the renderer): its shape is checked
// as far as the API reads it before handing it on; the rest is the worker's own code's output.
const ModelSchema = z.custom<EnvironmentModel>(
  (value) =>
    isRecord(value) &&
    typeof value.name === 'string' &&
    isRecord(value.services) &&
    Object.values(value.services).every(isRecord) &&
    isRecord(value.volumes) &&
    isRecord(value.networks),
  'an environment model',
);

const LoadedProjectSchema = z.object({
  name: z.string(),
  workingDir: z.string(),
  configDir: z.string(),
  composeFiles: z.array(z.string()),
  envFiles: z.array(z.string()),
  activeProfiles: z.array(z.string()),
  model: ModelSchema,
  // Already checked against ParityConfigSchema where the worker read parity.yaml.
  parity: z.custom<ParityConfig>(isRecord, 'parity.yaml as read').nullable(),
  fromShell: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
});

const LoadResultSchema = z.object({
  project: LoadedProjectSchema.nullable(),
  diagnostics: z.array(ProblemSchema),
});

/** Every message a load worker may post; anything else is a bug, answered as a failure. */
export const WorkerReplySchema: z.ZodType<WorkerReply> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), tid: z.number().int().nullable() }),
  z.object({
    kind: z.literal('step'),
    seq: z.number(),
    step: z.enum(['project', 'production', 'drift']),
    detail: z.string(),
  }),
  z.object({
    kind: z.literal('done'),
    seq: z.number(),
    loaded: LoadResultSchema,
    drift: DriftResultSchema.nullable(),
  }),
  z.object({ kind: z.literal('failed'), seq: z.number(), message: z.string() }),
]);
