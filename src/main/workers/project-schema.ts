import { z } from 'zod';
import type { EnvironmentModel } from '../../shared/model';
import type { ParityConfig } from '../../shared/parity-config';
import { ProblemSchema } from '../../shared/projects';
import type { LoadedProject } from '../config/load-project';

// A project as read crosses between the main process and the load worker both ways: the worker
// answers with it, and comparisons against what runs are sent back to a worker with it.

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

/** A project's files as read, checked as far as the receiving side reads them. */
export const LoadedProjectSchema: z.ZodType<LoadedProject> = z.object({
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

/** loadProject's answer: the project (null when it could not be read) and its diagnostics. */
export const LoadResultSchema = z.object({
  project: LoadedProjectSchema.nullable(),
  diagnostics: z.array(ProblemSchema),
});
