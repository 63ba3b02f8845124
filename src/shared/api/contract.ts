import { z } from 'zod';
import {
  AdoptApplySchema,
  AdoptChangeSchema,
  AdoptFindingSchema,
  SetMirrorResultSchema,
  SetMirrorSchema,
} from './adopt-contract';
import { DriftReportSchema } from '../drift';
import { DriftSummarySchema } from '../drift-summary';
import { EngineChoicesSchema, EngineStatusSchema } from '../engine-status';
import { ExpiryDateSchema } from '../parity-config';
import { ProjectDetailSchema, ProjectSummarySchema, ProblemSchema } from '../projects';
import { SettingsRequestPatchSchema, SettingsSchema } from '../settings';
import { StackListSchema } from '../stacks';
import { ActionConfirmationSchema, TrustRequestSchema } from '../trust';
import { ServiceStatsSchema } from '../stats';
import { ObservedCallsSchema } from '../traces';
import type { ApiEvent } from './event-contract';
import type { ApiMethod } from './methods';

/** Every request that acts on one project names it by its folder (ProjectSummary.id). */
const project = z.string().min(1);
const serviceName = z.string().min(1);
const empty = z.object({}).strict();
const done = z.object({}).strict();

const ServiceRequestSchema = z.object({ project, service: serviceName }).strict();
/** The hash of a trust request or an action's command, as the user was shown it. */
const confirmedHash = z.string().regex(/^[0-9a-f]{64}$/);
/** The most containers one request can scale a service to: a bound on one click's work. */
export const MAX_REPLICAS = 100;

/** Drift of a project: the report, or why there is none (no production source, bad files). */
export const DriftResultSchema = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    report: DriftReportSchema,
    summary: DriftSummarySchema,
    problems: z.array(ProblemSchema),
  }),
  z.object({ available: z.literal(false), reason: z.string(), problems: z.array(ProblemSchema) }),
]);
export type DriftResult = z.infer<typeof DriftResultSchema>;

/** What drift.get compares the dev stack with (production when not said). */
export const DriftTargetSchema = z.enum(['production', 'runtime', 'lock']);
export type DriftTarget = z.infer<typeof DriftTargetSchema>;

/**
 * The API contract: every request with the schema of its parameters and of its result.
 * Both transports (Electron IPC, the `parity serve` WebSocket) validate against it at the
 * receiver, and TypeScript types for callers and the implementation are derived from it.
 * Pushed events are in ./events.ts.
 */
export const apiContract = {
  'engine.status': { params: empty, result: EngineStatusSchema },
  /** The Docker contexts and local sockets Settings offers, each pinged, and the one in use. */
  'engine.choices': { params: empty, result: EngineChoicesSchema },
  'stacks.list': { params: empty, result: StackListSchema },
  'projects.list': { params: empty, result: z.array(ProjectSummarySchema) },
  /** Adds a folder; its files are read at once and problems reported in the summary. */
  'projects.add': {
    params: z.object({ directory: z.string().min(1) }).strict(),
    result: ProjectSummarySchema,
  },
  /** Forgets a project; its containers and volumes are left as they are. */
  'projects.remove': { params: z.object({ project }).strict(), result: done },
  'projects.get': { params: z.object({ project }).strict(), result: ProjectDetailSchema },
  /** Whether the desktop app brings this project up when it starts at login. */
  'projects.setStartAtLogin': {
    params: z.object({ project, startAtLogin: z.boolean() }).strict(),
    result: done,
  },
  /**
   * Brings the stack (or some services and their dependencies) up; progress events follow.
   * `scale` sets a service's number of containers for this up, as `parity up --scale`.
   * A stack asking for host-level power that its folder is not trusted for is not started: the
   * result's `needsTrust` lists what it asks; the same request with `trust` set to that list's
   * hash (once the user agreed) records the trust and starts it.
   */
  'stack.up': {
    params: z
      .object({
        project,
        services: z.array(serviceName).optional(),
        scale: z.record(serviceName, z.number().int().min(0).max(MAX_REPLICAS)).optional(),
        trust: confirmedHash.optional(),
      })
      .strict(),
    result: z.object({
      failed: z.array(z.object({ service: z.string(), reason: z.string() })),
      needsTrust: TrustRequestSchema.optional(),
    }),
  },
  /** Removes containers and networks; volumes (named, and the containers' anonymous ones) only with `volumes: true`. */
  'stack.down': {
    params: z.object({ project, volumes: z.boolean().default(false) }).strict(),
    result: z.object({
      containers: z.number().int(),
      networks: z.array(z.string()),
      volumes: z.array(z.string()),
    }),
  },
  /** Stops every service (or those named), keeping their containers. */
  'stack.stop': {
    params: z.object({ project, services: z.array(serviceName).optional() }).strict(),
    result: done,
  },
  /** Restarts every service (or those named), what they depend on first. */
  'stack.restart': {
    params: z.object({ project, services: z.array(serviceName).optional() }).strict(),
    result: done,
  },
  'service.start': { params: ServiceRequestSchema, result: done },
  'service.stop': { params: ServiceRequestSchema, result: done },
  'service.restart': { params: ServiceRequestSchema, result: done },
  /**
   * Removes a service's stopped containers (`parity rm`); running ones too with `stop`. Their
   * anonymous volumes only with `volumes`; named volumes never. Resolves to the names removed.
   */
  'service.remove': {
    params: z
      .object({
        project,
        service: serviceName,
        stop: z.boolean().default(false),
        volumes: z.boolean().default(false),
      })
      .strict(),
    result: z.object({ removed: z.array(z.string()) }),
  },
  /** CPU and memory of the project's running service containers, sampled once. */
  'stats.get': { params: z.object({ project }).strict(), result: z.array(ServiceStatsSchema) },
  /** Starts a log stream; lines arrive as logs.batch events tagged with the subscription. */
  'logs.subscribe': {
    params: z
      .object({
        project,
        services: z.array(serviceName).optional(),
        tail: z.number().int().nonnegative().max(1_000_000).optional(),
        /** An RFC 3339 time: only lines from then on. */
        since: z.iso.datetime({ offset: true }).optional(),
      })
      .strict(),
    result: z.object({ subscription: z.string() }),
  },
  'logs.unsubscribe': { params: z.object({ subscription: z.string() }).strict(), result: done },
  /**
   * The drift report against production (parity.yaml's sources; the default), the running
   * containers, or parity.lock. Against the containers it is read from the engine on each request.
   */
  'drift.get': {
    params: z.object({ project, against: DriftTargetSchema.optional() }).strict(),
    result: DriftResultSchema,
  },
  /**
   * Accepts one finding (by its service and path) with a reason, and optionally until a date,
   * writing the rule into the project's parity.yaml with its comments and layout kept.
   */
  'drift.accept': {
    params: z
      .object({
        project,
        service: z.string().min(1),
        path: z.string().min(1),
        reason: z.string().regex(/\S/, 'say why this difference is acceptable'),
        expires: ExpiryDateSchema.optional(),
      })
      .strict(),
    result: z.object({ file: z.string(), created: z.boolean() }),
  },
  /**
   * The change that writes production's value for one finding into the compose file defining
   * it (comments and layout kept); nothing is written. Refused, saying why, for a secret, a host
   * outside the laptop's stack, or a value `parity mirror` would not write.
   */
  'drift.adoptPreview': { params: AdoptFindingSchema, result: AdoptChangeSchema },
  /** Writes the previewed change, unless the file's hash is no longer the one shown. */
  'drift.adopt': { params: AdoptApplySchema, result: AdoptChangeSchema },
  /**
   * The project's Mirror production switch, kept in settings: on regenerates compose.mirror.yaml
   * and brings the stack up with it; off brings it up without, taking down the services only
   * the mirror ran (their volumes kept).
   */
  'projects.setMirror': { params: SetMirrorSchema, result: SetMirrorResultSchema },
  /**
   * Runs a quick action of parity.yaml in its service's container. Its first run in a folder
   * (per command), and every run of an action marked `confirm`, returns `needsConfirmation` with
   * the exact command instead; the same request with `confirm` set to its hash runs it.
   */
  'actions.run': {
    params: z
      .object({ project, action: z.string().min(1), confirm: confirmedHash.optional() })
      .strict(),
    result: z.union([
      z.object({ exitCode: z.number().int(), output: z.string() }).strict(),
      z.object({ needsConfirmation: ActionConfirmationSchema }).strict(),
    ]),
  },
  'settings.get': { params: empty, result: SettingsSchema },
  'settings.set': {
    params: z.object({ patch: SettingsRequestPatchSchema }).strict(),
    result: SettingsSchema,
  },
  /**
   * The calls the project's services made, from the spans they sent Parity's receiver over the
   * window: edges between its services, and calls leaving the stack by host.
   */
  'traces.edges': { params: z.object({ project }).strict(), result: ObservedCallsSchema },
  /** Forgets every observed call (of every project). */
  'traces.reset': { params: empty, result: done },
} as const satisfies Record<ApiMethod, { params: z.ZodType; result: z.ZodType }>;

/** Parameters a caller passes for a request. */
export type ApiParams<M extends ApiMethod> = z.input<(typeof apiContract)[M]['params']>;

/** What a request resolves to. */
export type ApiResult<M extends ApiMethod> = z.output<(typeof apiContract)[M]['result']>;

/** The one implementation of the contract, in src/main/api. */
export type ApiHandlers = {
  [M in ApiMethod]: (
    params: z.output<(typeof apiContract)[M]['params']>,
    session: ApiSession,
  ) => Promise<ApiResult<M>>;
};

/**
 * One connected window or browser tab, as the implementation sees it: where its own events
 * go (log lines it subscribed to) and how to clean up when it goes away.
 */
export interface ApiSession {
  readonly id: string;
  /** Pushes an event to this window or tab only. */
  emit(event: ApiEvent): void;
  /** Calls `cleanup` when the window or socket closes. */
  onClose(cleanup: () => void): void;
}

/** The typed client the renderer (and tests) call. */
export type ApiClient = {
  [M in ApiMethod]: (params: ApiParams<M>) => Promise<ApiResult<M>>;
};
