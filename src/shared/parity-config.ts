import { z } from 'zod';
import { expecting, found, keyMessage, oneOrList, text } from './schema-helpers';
import { ProductionSourceSchema } from './production-sources';
import { TracesOptionsSchema } from './traces-config';
import { unknownKeysOf } from './unknown-keys';

// The shape of parity.yaml. Every object here strips unknown keys instead of rejecting them:
// like Compose, a typo or a newer Parity's key is a warning (found by `unknownKeys`), not a
// failed load, and `x-` keys are the user's own. Only production entries are strict, because
// their one key *is* their meaning: an unknown one cannot be skipped.
//
// Messages say what was found and what was expected; the loader prefixes file:line:col from
// the issue's path, so messages never repeat the path.

/** Compose's rule for a project name the user writes (here, -p, COMPOSE_PROJECT_NAME). */
export const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** The project name, in the normal form Compose requires of an explicit name. */
export const ProjectNameSchema = text('a project name')
  .regex(PROJECT_NAME, {
    error: (issue) => {
      const suggestion = String(issue.input)
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, '-')
        .replace(/^[-_]+|-+$/g, '');
      const hint = suggestion ? `, e.g. "${suggestion}"` : '';
      return `found ${found(issue.input)}, expected a project name of lowercase letters, digits, "-" and "_" that starts with a letter or digit, as Compose requires${hint}`;
    },
  })
  .describe(
    'Project name: containers are named <name>-<service>-<n>, as Docker Compose names them. Lowercase letters, digits, "-" and "_", starting with a letter or digit. Default: the folder name, normalized as Compose does.',
  );

/** The compose files of the dev stack, as `docker compose -f` takes them. */
export const ComposeFilesSchema = oneOrList(
  text('a compose file path'),
  z.array(text('a compose file path')).min(1, 'found an empty list, expected compose files'),
  'a compose file path or a list of them',
).describe(
  'Compose files of the dev stack, relative to this file, merged in order as `docker compose -f a -f b` merges them. Default: what Docker Compose picks up (compose.yaml, or docker-compose.yml, plus its override file).',
);

export {
  PRODUCTION_KINDS,
  ProductionSourceSchema,
  type HelmSource,
  type ProductionKind,
  type ProductionSource,
  sourcePaths,
} from './production-sources';

/** Kubernetes workload kinds a dev service can be mapped to. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'] as const;
/** A Kubernetes workload kind. */
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

// `Kind/name` with a Kubernetes (DNS-1123) name, or a bare name, which may also be a service
// of a production compose file and so follows Compose's looser service-name rule.
const PRODUCTION_REF = new RegExp(
  `^(?:(?:${WORKLOAD_KINDS.join('|')})/[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|[A-Za-z0-9][A-Za-z0-9._-]*)$`,
);
const COMPOSE_SERVICE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A reference to a production object: `Deployment/shop-api`, `StatefulSet/db`, or a bare name. */
export const ProductionRefSchema = text('a production object')
  .regex(PRODUCTION_REF, {
    error: (issue) => {
      const input = String(issue.input);
      const slash = input.indexOf('/');
      const kind = input.slice(0, slash);
      if (slash > 0 && !(WORKLOAD_KINDS as readonly string[]).includes(kind)) {
        return `found an unknown kind "${kind}", expected one of ${WORKLOAD_KINDS.join(', ')} (e.g. "Deployment/shop-api") or a bare name`;
      }
      return `found ${found(issue.input)}, expected a production object such as "Deployment/shop-api" or "StatefulSet/db" (a lowercase Kubernetes name), or a bare name`;
    },
  })
  .describe(
    `The production object this dev service corresponds to: Kind/name (kinds: ${WORKLOAD_KINDS.join(', ')}) or a bare name, matched against every production source.`,
  );

/** A production object reference split into its kind (null for a bare name) and name. */
export function parseProductionRef(ref: string): { kind: WorkloadKind | null; name: string } {
  const slash = ref.indexOf('/');
  const kind = ref.slice(0, slash);
  return slash > 0 && (WORKLOAD_KINDS as readonly string[]).includes(kind)
    ? { kind: kind as WorkloadKind, name: ref.slice(slash + 1) }
    : { kind: null, name: ref };
}

/** Dev service name -> production object, for services whose names differ between the two. */
export const ServiceMapSchema = z
  .record(
    z.string().regex(COMPOSE_SERVICE, {
      error: (issue) =>
        `found ${found(issue.input)}, expected a dev service name (letters, digits, ".", "_", "-")`,
    }),
    ProductionRefSchema,
    {
      error: (issue) =>
        issue.code === 'invalid_key'
          ? keyMessage(issue)
          : `found ${found(issue.input)}, expected a mapping of dev service -> production object`,
    },
  )
  .describe(
    'Dev service name -> production object, where the names differ, e.g. "api: Deployment/shop-api". Unmapped services match the production object of the same name.',
  );

/** How serious a drift item is. */
export const DriftSeveritySchema = z
  .enum(['error', 'warning', 'info'], { error: expecting('error, warning or info') })
  .describe(
    'error fails `parity drift --fail-on error`; warning and info are reported without failing it.',
  );
/** How serious a drift item is. */
export type DriftSeverity = z.infer<typeof DriftSeveritySchema>;

// Patterns and paths are `service.field.key` (`web.image`, `api.env.DATABASE_URL`), with `*`
// for any one segment; their grammar belongs to the drift rules, so this only checks it is text.
const PATH_PATTERN_HELP = 'service.field path; "*" matches any one segment';

/** A calendar date as `YYYY-MM-DD`. */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is `YYYY-MM-DD` and names a day on the calendar (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const DATE_HELP = 'a date as YYYY-MM-DD, e.g. 2026-01-31';

/** The last day an accepted difference is accepted; from the day after, it is drift again. */
export const ExpiryDateSchema = z
  .string({ error: expecting(DATE_HELP) })
  .regex(ISO_DATE, {
    error: (issue) => `found ${found(issue.input)}, expected ${DATE_HELP}`,
    abort: true,
  })
  .refine(isCalendarDate, {
    error: (issue) =>
      `found "${String(issue.input)}", which is not a day on the calendar, expected ${DATE_HELP}`,
  })
  .describe(
    'The last day this difference is accepted (YYYY-MM-DD, e.g. 2026-01-31). From the next day on it is reported as drift again, marked as an expired acceptance.',
  );

/** A difference the team has agreed to, with the reason the drift report shows beside it. */
export const AcceptedDriftSchema = z
  .object(
    {
      path: text('the path of the accepted difference').describe(
        `The drift path to accept, e.g. "web.image" (${PATH_PATTERN_HELP}).`,
      ),
      reason: z
        .string({
          error: (issue) =>
            issue.input === undefined
              ? 'missing reason: say why this difference is acceptable, e.g. reason: "built from source locally"'
              : expecting('the reason as text', true)(issue),
        })
        .regex(/\S/, 'found an empty reason, expected why this difference is acceptable')
        .describe(
          'Why this difference is acceptable; required, and shown next to the accepted item.',
        ),
      expires: ExpiryDateSchema.optional(),
    },
    { error: expecting('a mapping with path and reason') },
  )
  .describe('A difference accepted on purpose; it stays in the report, marked accepted.');
/** A difference the team has agreed to. */
export type AcceptedDrift = z.infer<typeof AcceptedDriftSchema>;

/** How drift between the dev stack and production is judged. */
export const DriftRulesSchema = z
  .object(
    {
      ignore: z
        .array(text('a path pattern').describe(`A path pattern (${PATH_PATTERN_HELP}).`), {
          error: expecting('a list of path patterns'),
        })
        .describe(
          `Differences left out of the report entirely, by path pattern, e.g. "*.env.LOG_LEVEL" (${PATH_PATTERN_HELP}).`,
        ),
      accept: z
        .array(AcceptedDriftSchema, { error: expecting('a list of accepted differences') })
        .describe(
          'Differences accepted on purpose, each with a reason; they stay in the report, marked accepted, and never fail a build.',
        ),
      severity: z
        .record(text('a path pattern'), DriftSeveritySchema, {
          error: (issue) =>
            issue.code === 'invalid_key'
              ? keyMessage(issue)
              : expecting('a mapping of path pattern -> severity')(issue),
        })
        .describe(
          `Severity overrides: path pattern -> error | warning | info, e.g. "*.resources.memory: warning" (${PATH_PATTERN_HELP}).`,
        ),
    },
    { error: expecting('a mapping with ignore, accept and severity') },
  )
  .partial()
  .describe('How drift from production is judged: what to ignore, accept, or grade differently.');
/** How drift is judged. */
export type DriftRules = z.infer<typeof DriftRulesSchema>;

/** A quick action: a command run in a service's container from the tray, UI or CLI. */
export const ActionSchema = z
  .object(
    {
      name: text('an action name').describe('The label shown in the tray menu and the UI.'),
      service: text('a service name').describe('The dev service whose container runs the command.'),
      run: oneOrList(
        text('a shell command').describe(
          'A shell command, run with `sh -c` in the container (the shell must exist in the image).',
        ),
        z
          .array(z.string({ error: expecting('a command word', true) }))
          .min(1, 'found an empty list, expected the command and its arguments')
          .describe('The command and its arguments, run directly (exec form, no shell).'),
        'a shell command or a list of command words',
      ).describe(
        'What to run in the container: a list (exec form, like Compose `command: [..]`) or a string run with `sh -c`.',
      ),
      description: z
        .string({ error: expecting('a description as text', true) })
        .optional()
        .describe('A longer explanation, shown as a tooltip.'),
      confirm: z
        .boolean({ error: expecting('true or false') })
        .optional()
        .describe('Ask before running, for actions that change or delete data.'),
    },
    { error: expecting('a mapping with name, service and run') },
  )
  .describe(
    'A quick action: a command run in a service container from the tray, the UI or the CLI.',
  );
/** A quick action. */
export type Action = z.infer<typeof ActionSchema>;

/** The actions list; a name picks one action in the tray and the CLI, so names are unique. */
export const ActionsSchema = z
  .array(ActionSchema, { error: expecting('a list of actions') })
  .superRefine((actions, ctx) => {
    const seen = new Set<string>();
    actions.forEach((action, index) => {
      if (!seen.has(action.name)) {
        seen.add(action.name);
        return;
      }
      ctx.addIssue({
        code: 'custom',
        input: action.name,
        path: [index, 'name'],
        message: `found a second action named "${action.name}", expected unique names: the tray and the CLI pick an action by its name`,
      });
    });
  })
  .describe('Quick actions, listed in the tray menu and runnable with the CLI; names are unique.');

/** What `parity mirror` brings from production to the laptop. */
export const MirrorOptionsSchema = z
  .object(
    {
      images: z
        .boolean({ error: expecting('true or false') })
        .describe(
          "Run production's image also for services the laptop builds from source (as `parity mirror --images`).",
        ),
      maxReplicas: z
        .number({ error: expecting('a whole number of containers') })
        .int('found a fraction, expected a whole number of containers')
        .min(1, 'found less than 1, expected at least 1 container')
        .max(100, 'found more than 100, expected at most 100 containers')
        .describe(
          'The most containers a service is scaled to when production runs more (default 3).',
        ),
      exclude: z
        .array(text('a drift path'), { error: expecting('a list of drift paths') })
        .describe(
          'Values never mirrored, as drift paths with globs: "api.env.LOG_LEVEL", "*.replicas", "worker.*".',
        ),
    },
    { error: expecting('a mapping with images, maxReplicas and exclude') },
  )
  .partial()
  .describe("What `parity mirror` brings from production to the laptop's compose.mirror.yaml.");
/** `mirror:` in parity.yaml. */
export type MirrorSettings = z.infer<typeof MirrorOptionsSchema>;

/** parity.yaml: what Parity adds to the Compose files of a project. Every key is optional. */
export const ParityConfigSchema = z
  .object(
    {
      name: ProjectNameSchema,
      compose: ComposeFilesSchema,
      production: z
        .array(ProductionSourceSchema, { error: expecting('a list of production sources') })
        .describe(
          'Where production is described, one source per item: "- kubernetes: deploy/k8s", "- helm: { chart: deploy/chart }", "- compose: compose.prod.yaml" or "- snapshot: prod.snapshot.json".',
        ),
      map: ServiceMapSchema,
      drift: DriftRulesSchema,
      actions: ActionsSchema,
      mirror: MirrorOptionsSchema,
      traces: TracesOptionsSchema,
    },
    { error: expecting('a mapping of Parity settings') },
  )
  .partial()
  .describe(
    "Parity project settings: what Parity adds to the project's Compose files (production sources, drift rules, quick actions). Unknown keys are reported as warnings; x- keys are yours.",
  );
/** parity.yaml, validated. */
export type ParityConfig = z.infer<typeof ParityConfigSchema>;

/** The paths of keys in a parsed parity.yaml that its schema does not know. */
export function unknownKeys(value: unknown): string[][] {
  return unknownKeysOf(ParityConfigSchema, value);
}
