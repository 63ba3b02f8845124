import { z } from 'zod';
import { TrustDecisionSchema } from './trust';

/** The version of the settings file shape; older files are migrated up to it when read. */
export const SETTINGS_VERSION = 2;

/** A project the user added: the folder holding its compose.yaml / parity.yaml. */
export const ProjectEntrySchema = z
  .object({
    /** Absolute path of the project folder; it is also the project's id in the API. */
    directory: z.string().min(1),
    /** Bring the stack up when Parity starts at login. */
    startAtLogin: z.boolean(),
    /** The Mirror production switch: run the stack with compose.mirror.yaml (absent: off). */
    mirror: z.boolean().optional(),
  })
  .strict();
export type ProjectEntry = z.infer<typeof ProjectEntrySchema>;

/** How many log lines each service keeps in memory (the UI's bounded ring). */
export const LOG_RING_LIMITS = { min: 100, max: 1_000_000, default: 10_000 } as const;

/** Everything Parity remembers between runs; the app, the CLI and `parity serve` share it. */
export const SettingsSchema = z
  .object({
    version: z.literal(SETTINGS_VERSION),
    projects: z.array(ProjectEntrySchema),
    /**
     * The engine chosen in Settings: an address (unix://, npipe://, tcp://, ssh://) or a Docker
     * context's name; null: the current context, else a local socket found. DOCKER_HOST,
     * DOCKER_CONTEXT and `--context`/`-H` win over it.
     */
    engineEndpoint: z.string().min(1).nullable(),
    logRingSize: z.number().int().min(LOG_RING_LIMITS.min).max(LOG_RING_LIMITS.max),
    theme: z.enum(['system', 'light', 'dark']),
    /** Open Parity (in the tray) when the user logs in. */
    startAtLogin: z.boolean(),
    /**
     * What the user trusted, per folder: stacks that ask for host-level power, by the hash of
     * what they ask, and quick actions by the hash of their command (src/main/trust).
     */
    trusted: z.array(TrustDecisionSchema).max(2000).optional(),
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;

/** What the settings store may change in one update; projects change through editProjects. */
export const SettingsPatchSchema = SettingsSchema.omit({ version: true, projects: true })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/**
 * What a settings.set request may change: trust is given only by confirming a start or an
 * action (stack.up / actions.run with the hash shown), never by a plain settings write.
 */
export const SettingsRequestPatchSchema = SettingsPatchSchema.omit({ trusted: true }).strict();

/** Settings of a first run. */
export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    projects: [],
    engineEndpoint: null,
    logRingSize: LOG_RING_LIMITS.default,
    theme: 'system',
    startAtLogin: false,
  };
}
