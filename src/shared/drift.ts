import { z } from 'zod';

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
  secret: z.boolean(),
  dev: SideSchema,
  prod: SideSchema,
});
export type Finding = z.infer<typeof FindingSchema>;

/** How a dev service was paired with a production one, and on what evidence. */
export const ServiceMatchSchema = z.object({
  dev: z.string().nullable(),
  prod: z.string().nullable(),
  by: z.enum(['name', 'map', 'none']),
});
export type ServiceMatch = z.infer<typeof ServiceMatchSchema>;

/** A drift report: the pairs, and every finding. */
export const DriftReportSchema = z.object({
  matches: z.array(ServiceMatchSchema),
  findings: z.array(FindingSchema),
});
export type DriftReport = z.infer<typeof DriftReportSchema>;
