import { z } from 'zod';
import type { LoadedProject } from '../config/load-project';
import type { LocalImages } from '../drift/lock';
import type { RuntimeContainer, RuntimeObservation } from '../drift/runtime-observe';
import type { ImageIdentity } from '../engine/image-identity';
import { LoadedProjectSchema } from './project-schema';

// Drift against what runs on this machine: the main process reads the engine (it holds the
// connection), a worker reads parity.lock and compares, within the same time limit as a load.

/** Runtime drift: the project as read against its containers as the engine described them. */
export interface RuntimeJob {
  kind: 'runtime';
  /** The project's id (folder): what a stopped comparison names and scans. */
  folder: string;
  project: LoadedProject;
  observed: RuntimeObservation;
  /** Where the running side was read (the engine's endpoint). */
  from: string[];
  activeProfiles: string[];
}

/** Lock drift: parity.lock against each service's local image, or why the images are unknown. */
export interface LockJob {
  kind: 'lock';
  folder: string;
  project: LoadedProject;
  images: { ok: true; images: LocalImages } | { ok: false; reason: string };
}

/** A comparison the main process asks a worker for. */
export type CompareJob = RuntimeJob | LockJob;

const strings = z.array(z.string());

const ImageIdentitySchema: z.ZodType<ImageIdentity> = z.object({
  id: z.string(),
  repoDigests: strings,
  env: strings,
  cmd: strings.nullable().optional(),
  entrypoint: strings.nullable().optional(),
  labels: z.record(z.string(), z.string()).optional(),
});

const ImagesSchema = z.record(z.string(), ImageIdentitySchema.nullable());

const RuntimeContainerSchema: z.ZodType<RuntimeContainer> = z.object({
  id: z.string(),
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  image: z.string(),
  imageId: z.string(),
  env: strings,
  cmd: strings.nullable(),
  entrypoint: strings.nullable(),
  user: z.string(),
  status: z.string(),
  exitCode: z.number(),
  oomKilled: z.boolean(),
  health: z.string().nullable(),
  restartCount: z.number(),
  startedAt: z.string(),
  restartPolicy: z.string(),
  memory: z.number(),
  nanoCpus: z.number(),
});

/** The comparison requests, as the worker checks them on arrival. */
export const compareJobSchemas = [
  z.object({
    kind: z.literal('runtime'),
    folder: z.string(),
    project: LoadedProjectSchema,
    observed: z.object({ containers: z.array(RuntimeContainerSchema), images: ImagesSchema }),
    from: strings,
    activeProfiles: strings,
  }),
  z.object({
    kind: z.literal('lock'),
    folder: z.string(),
    project: LoadedProjectSchema,
    images: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), images: ImagesSchema }),
      z.object({ ok: z.literal(false), reason: z.string() }),
    ]),
  }),
] as const;
