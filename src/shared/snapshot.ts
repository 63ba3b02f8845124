import { z } from 'zod';

// A Parity snapshot: Parity's own JSON export of one environment, what drift compares of each
// service and nothing of where it was written. `parity snapshot` writes one from the files (the
// loaded model) or from the running containers; parity.yaml's `production: - snapshot: FILE` and
// `parity drift --against FILE.json` read one back. docs/snapshot.md describes the format.
//
// Secret values are never written: an env value whose name says it is a secret is replaced by
// `{ "sha256": "<hex of the UTF-8 value>" }`, so drift can still say "same" or "differs".

/** The version this Parity writes and reads. */
export const SNAPSHOT_VERSION = 1;

/** An env value: the value itself, or the sha256 of a secret one. */
export const SnapshotEnvValueSchema = z.union([
  z.string(),
  z.strictObject({
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits (the sha256 of the value)'),
  }),
]);
export type SnapshotEnvValue = z.infer<typeof SnapshotEnvValueSchema>;

const nullable = <T extends z.ZodType>(schema: T): z.ZodDefault<z.ZodNullable<T>> =>
  schema.nullable().default(null);
const strings = z.array(z.string());
const count = z.number().int().nonnegative();

const PortSchema = z.strictObject({
  target: z.number().int().min(0).max(65535),
  published: nullable(z.string()),
  hostIp: nullable(z.string()),
  protocol: z.enum(['tcp', 'udp', 'sctp']).default('tcp'),
  mode: z.enum(['ingress', 'host']).default('ingress'),
  name: z.string().optional(),
  appProtocol: z.string().optional(),
  exposure: z
    .enum(['published', 'host', 'cluster', 'node-port', 'load-balancer', 'none'])
    .optional(),
  service: z.strictObject({ name: z.string(), namespace: z.string().nullable() }).optional(),
  nodePort: z.number().int().min(1).max(65535).optional(),
});

const VolumeSchema = z.strictObject({
  type: z.enum(['volume', 'bind', 'tmpfs', 'npipe', 'cluster', 'image']),
  source: nullable(z.string()),
  target: z.string().min(1),
  readOnly: z.boolean().default(false),
});

const HealthcheckSchema = z.strictObject({
  test: nullable(strings),
  disable: z.boolean().default(false),
  intervalMs: nullable(count),
  timeoutMs: nullable(count),
  retries: nullable(count),
  startPeriodMs: nullable(count),
  startIntervalMs: nullable(count),
});

const ResourcesSchema = z.strictObject({
  cpus: nullable(z.number().nonnegative()),
  memoryBytes: nullable(count),
});

const NO_RESOURCES = { cpus: null, memoryBytes: null };

/** One service, as drift compares it. */
export const SnapshotServiceSchema = z.strictObject({
  image: nullable(z.string().min(1)),
  build: nullable(
    z.strictObject({
      context: z.string(),
      dockerfile: nullable(z.string()),
      target: nullable(z.string()),
    }),
  ),
  command: nullable(strings),
  entrypoint: nullable(strings),
  environment: z.record(z.string(), SnapshotEnvValueSchema).default({}),
  ports: z.array(PortSchema).default([]),
  volumes: z.array(VolumeSchema).default([]),
  healthcheck: nullable(HealthcheckSchema),
  dependsOn: z
    .record(
      z.string(),
      z.strictObject({
        condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']),
        required: z.boolean().default(true),
        restart: z.boolean().default(false),
      }),
    )
    .default({}),
  limits: ResourcesSchema.default(NO_RESOURCES),
  reservations: ResourcesSchema.default(NO_RESOURCES),
  replicas: nullable(count),
  restart: nullable(z.string()),
  user: nullable(z.string()),
  // Normalized as in the model (upper case, no CAP_ prefix, sorted); null when not written.
  capAdd: nullable(strings),
  capDrop: nullable(strings),
  readOnly: nullable(z.boolean()),
  privileged: nullable(z.boolean()),
  labels: z.record(z.string(), z.string()).default({}),
  profiles: strings.default([]),
  networks: strings.default([]),
  networkMode: nullable(z.string()),
  init: nullable(z.boolean()),
  containerName: nullable(z.string()),
  extraHosts: nullable(strings),
  hostname: nullable(z.string()),
  workingDir: nullable(z.string()),
  stopSignal: nullable(z.string()),
  stopGracePeriodMs: nullable(count),
});
export type SnapshotService = z.infer<typeof SnapshotServiceSchema>;

const NamedSchema = z.strictObject({ name: z.string(), external: z.boolean().default(false) });

/** A whole snapshot file. */
export const SnapshotSchema = z.strictObject({
  parity: z.literal('snapshot', { error: 'expected "snapshot": this marks a Parity snapshot' }),
  version: z.literal(SNAPSHOT_VERSION, {
    error: (issue) =>
      `found version ${JSON.stringify(issue.input)}, expected ${SNAPSHOT_VERSION}: this Parity reads snapshot version ${SNAPSHOT_VERSION}`,
  }),
  createdAt: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date and time' }),
  source: z.enum(['files', 'runtime']),
  project: z.string().min(1),
  services: z.record(z.string(), SnapshotServiceSchema),
  volumes: z.record(z.string(), NamedSchema).default({}),
  networks: z.record(z.string(), NamedSchema).default({}),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/**
 * The snapshot as text: keys sorted at every level, two-space indent, a final newline, so
 * writing the same environment twice gives the same bytes apart from createdAt.
 */
export function renderSnapshot(snapshot: Snapshot): string {
  return `${JSON.stringify(sortKeys(snapshot), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const inner = (value as Record<string, unknown>)[key];
    if (inner !== undefined) out[key] = sortKeys(inner);
  }
  return out;
}
