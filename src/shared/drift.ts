import { z } from 'zod';
import { DriftSummarySchema } from './drift-summary';

const PositionSchema = z.object({ file: z.string(), line: z.number(), column: z.number() });

/** How serious a difference is. */
export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

/** What kind of thing differs. */
export const CategorySchema = z.enum([
  'topology',
  'image',
  'env',
  'ports',
  'command',
  'health',
  'resources',
  'volumes',
  'security',
]);
export type Category = z.infer<typeof CategorySchema>;

/** One side of a difference: its value as text (secrets only "same"/"differs") and where it is written. */
export const SideSchema = z.object({
  value: z.string().nullable(),
  source: PositionSchema.nullable(),
});
export type Side = z.infer<typeof SideSchema>;

/** One difference between the dev and the production side. */
export const FindingSchema = z.object({
  service: z.string(),
  /** Field path, e.g. `image.tag`, `env.DATABASE_URL`, `resources.memory`. */
  path: z.string(),
  kind: z.enum(['only-dev', 'only-prod', 'changed']),
  category: CategorySchema,
  severity: SeveritySchema,
  /** Why it has that severity. */
  rule: z.string(),
  /** drift: to look at; accepted/ignored: a parity.yaml rule covers it; expected: inherent to the platforms. */
  status: z.enum(['drift', 'accepted', 'ignored', 'expected']),
  reason: z.string().optional(),
  /**
   * Set when the same difference (path, kind, rule, severity, status) is found on several services
   * or replicas: `<path> <kind>` (`resources.requests.cpus only-prod`), shared by each of them.
   */
  group: z.string().optional(),
  secret: z.boolean(),
  dev: SideSchema,
  prod: SideSchema,
  /**
   * `service.path`, stable across runs; set on findings that take part in a root-cause group
   * (a root, or a symptom), absent on the others (whose id is the same text).
   */
  id: z.string().optional(),
  /**
   * A symptom: the id of the finding that explains it (a port or image change), or
   * `<service>.map` when parity.yaml's `map:` renaming that service does (no finding).
   */
  causedBy: z.string().optional(),
  /** With `causedBy`: how the root explains this difference, in words. */
  cause: z.string().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** How a dev service was paired with a production one, and on what evidence. */
export const ServiceMatchSchema = z.object({
  dev: z.string().nullable(),
  prod: z.string().nullable(),
  /**
   * name: equal names; map: parity.yaml's `map:`; container-name: a container of the production
   * workload is named like the dev service; image: the same image repository; env-host: an env
   * key of a paired service names one as its host on each side; sidecar: the dev service runs
   * in production as a sidecar or init container of `prod`'s pod (`prod` is paired with another
   * dev service too); evidence: the clear best by a score over independent evidence (name
   * words, image family, env keys, ports, data mounts, place in the graph); none: not paired.
   */
  by: z.enum(['name', 'map', 'container-name', 'image', 'env-host', 'sidecar', 'evidence', 'none']),
  /** For pairs made by evidence (all but name and map): the evidence, in words. */
  evidence: z.string().optional(),
  /**
   * For a service left unpaired (`none`): the service of the other side that came closest, the
   * evidence for it and why it was not taken, in words.
   */
  closest: z.object({ name: z.string(), evidence: z.string(), notTaken: z.string() }).optional(),
});
export type ServiceMatch = z.infer<typeof ServiceMatchSchema>;

/** What the dev side was compared against: `parity drift --against`. */
export const DriftAgainstSchema = z.enum(['production', 'runtime', 'lock', 'file']);
export type DriftAgainst = z.infer<typeof DriftAgainstSchema>;

/**
 * Which comparison a report is. Findings always call the two sides `dev` and `prod`; `sides`
 * names them for people: dev/prod against production or a file, declared/running against the
 * running containers, local/lock against parity.lock.
 */
export const DriftComparisonSchema = z.object({
  against: DriftAgainstSchema,
  sides: z.object({ dev: z.string(), prod: z.string() }),
  /** Where the prod side was read from: files relative to the project folder, or the engine. */
  from: z.array(z.string()),
});
export type DriftComparison = z.infer<typeof DriftComparisonSchema>;

/** A drift report: the pairs, and every finding. */
export const DriftReportSchema = z.object({
  /** Absent in reports made before comparisons other than production existed: production. */
  comparison: DriftComparisonSchema.optional(),
  matches: z.array(ServiceMatchSchema),
  findings: z.array(FindingSchema),
  /** Fields (or runtime checks) compared on both sides and found the same: not findings. */
  equivalent: z.number().int().nonnegative().optional(),
  /** The counts of the summary line; the CLI's JSON output always has them. */
  summary: DriftSummarySchema.optional(),
});
export type DriftReport = z.infer<typeof DriftReportSchema>;
