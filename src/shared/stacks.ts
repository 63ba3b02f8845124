import { z } from 'zod';

/** Container states as the Docker Engine reports them. */
export const ContainerStateSchema = z.enum([
  'created',
  'restarting',
  'running',
  'removing',
  'paused',
  'exited',
  'dead',
]);
export type ContainerState = z.infer<typeof ContainerStateSchema>;

/** Health as a healthcheck reports it; `none` when the container has no healthcheck. */
export const HealthSchema = z.enum(['starting', 'healthy', 'unhealthy', 'none']);
export type Health = z.infer<typeof HealthSchema>;

/** A port the container publishes on the host. */
export const PublishedPortSchema = z.object({
  hostIp: z.string(),
  hostPort: z.number().int().min(0).max(65535),
  containerPort: z.number().int().min(0).max(65535),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
});
export type PublishedPort = z.infer<typeof PublishedPortSchema>;

/** One container of a Compose stack, as the UI and CLI show it (never a raw Docker object). */
export const StackContainerSchema = z.object({
  id: z.string(),
  name: z.string(),
  service: z.string(),
  number: z.number().int().nullable(),
  oneoff: z.boolean(),
  image: z.string(),
  state: ContainerStateSchema,
  status: z.string(),
  health: HealthSchema,
  ports: z.array(PublishedPortSchema),
});
export type StackContainer = z.infer<typeof StackContainerSchema>;

/** A Compose project found on the engine through its `com.docker.compose.project` label. */
export const StackSchema = z.object({
  project: z.string(),
  workingDir: z.string().nullable(),
  configFiles: z.array(z.string()),
  containers: z.array(StackContainerSchema),
});
export type Stack = z.infer<typeof StackSchema>;

/** The engine could not be reached: an expected condition, returned as a value. */
export const EngineUnreachableSchema = z.object({
  engine: z.literal('unreachable'),
  endpoint: z.string(),
  reason: z.string(),
});

/** The result of listing stacks: the stacks, or why the engine could not be asked. */
export const StackListSchema = z.discriminatedUnion('engine', [
  z.object({ engine: z.literal('reachable'), endpoint: z.string(), stacks: z.array(StackSchema) }),
  EngineUnreachableSchema,
]);
export type StackList = z.infer<typeof StackListSchema>;
