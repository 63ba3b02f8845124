import { z } from 'zod';
import { StackContainerSchema } from './stacks';

/**
 * A project's state as one word, for the sidebar and the tray:
 * stopped (nothing running), starting (an operation or a health check still running),
 * running (every service up and none unhealthy), partial (some services up),
 * failed (a service exited with an error, is unhealthy or restarting),
 * invalid (its files could not be read), missing (its folder is gone: moved or deleted).
 */
export const ProjectStateSchema = z.enum([
  'stopped',
  'starting',
  'running',
  'partial',
  'failed',
  'invalid',
  'missing',
]);
export type ProjectState = z.infer<typeof ProjectStateSchema>;

/** How many of a project's services are in each condition. */
export const ServiceCountsSchema = z.object({
  total: z.number().int().nonnegative(),
  running: z.number().int().nonnegative(),
  healthy: z.number().int().nonnegative(),
  unhealthy: z.number().int().nonnegative(),
  starting: z.number().int().nonnegative(),
  /** Crashed: exited with an error, or restarting in a loop. */
  exited: z.number().int().nonnegative(),
  /** Ran to completion (exit 0), like a migration job. */
  completed: z.number().int().nonnegative(),
});
export type ServiceCounts = z.infer<typeof ServiceCountsSchema>;

const PositionSchema = z.object({ file: z.string(), line: z.number(), column: z.number() });

/** A problem in the project's files, with where it is. */
export const ProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  position: PositionSchema.optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** A quick action from parity.yaml, as the tray and the toolbar list it. */
export const ActionSummarySchema = z.object({
  name: z.string(),
  service: z.string(),
  description: z.string().optional(),
  confirm: z.boolean(),
});
export type ActionSummary = z.infer<typeof ActionSummarySchema>;

/** One project as the sidebar and the tray show it. */
export const ProjectSummarySchema = z.object({
  /** The project folder's absolute path; every request names a project by it. */
  id: z.string(),
  name: z.string(),
  state: ProjectStateSchema,
  services: ServiceCountsSchema,
  /** Open drifts against production (openDriftCount); null when there is no production source. */
  driftCount: z.number().int().nonnegative().nullable(),
  /**
   * The count is still being computed (driftCount is null meanwhile): the list answers at once
   * and a project.changed brings the count when it arrives.
   */
  driftPending: z.boolean().optional(),
  actions: z.array(ActionSummarySchema),
  problems: z.array(ProblemSchema),
  /** The Mirror production switch is on: the stack runs with compose.mirror.yaml. */
  mirroring: z.boolean().optional(),
});
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

/** A dependency edge of the service graph. */
export const DependencyEdgeSchema = z.object({
  service: z.string(),
  condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']),
  required: z.boolean(),
});

/** A port as the project's files declare it. */
export const DeclaredPortSchema = z.object({
  target: z.number().int(),
  /** The host port, or a range; null when Docker picks one. */
  published: z.string().nullable(),
  hostIp: z.string().nullable(),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
});

/** One environment variable; a secret's value never leaves the main process. */
export const EnvEntrySchema = z.object({
  name: z.string(),
  value: z.string().nullable(),
  secret: z.boolean(),
});
export type EnvEntry = z.infer<typeof EnvEntrySchema>;

/** A mount as the files declare it. */
export const MountSchema = z.object({
  type: z.string(),
  source: z.string().nullable(),
  target: z.string(),
  readOnly: z.boolean(),
});

/** One service for the graph and its details panel: what the files say and what runs. */
export const ServiceViewSchema = z.object({
  name: z.string(),
  image: z.string().nullable(),
  /** Built from a context folder (relative to the project). */
  build: z.string().nullable(),
  dependsOn: z.array(DependencyEdgeSchema),
  ports: z.array(DeclaredPortSchema),
  env: z.array(EnvEntrySchema),
  mounts: z.array(MountSchema),
  /** The health check command as one line; null without one. */
  healthcheck: z.string().nullable(),
  replicas: z.number().int().nonnegative(),
  /** Its containers on the engine (none before the first up). */
  containers: z.array(StackContainerSchema),
  /** The newest health check result of its first container, when it has run one. */
  lastHealthCheck: z
    .object({ exitCode: z.number().int(), output: z.string(), at: z.string() })
    .nullable()
    .optional(),
  /** How often the engine restarted its containers (a crash loop shows here). */
  restartCount: z.number().int().nonnegative().optional(),
  /** Added by the Mirror production override: production runs it, the laptop's files do not. */
  fromProduction: z.boolean().optional(),
});
export type ServiceView = z.infer<typeof ServiceViewSchema>;

/** A project with its services. */
export const ProjectDetailSchema = z.object({
  summary: ProjectSummarySchema,
  services: z.array(ServiceViewSchema),
  /** Containers labelled with the project whose service is no longer in its files. */
  orphans: z.array(StackContainerSchema),
});
export type ProjectDetail = z.infer<typeof ProjectDetailSchema>;
