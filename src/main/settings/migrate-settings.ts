import { z } from 'zod';
import {
  defaultSettings,
  SETTINGS_VERSION,
  SettingsSchema,
  type Settings,
} from '../../shared/settings';
import { found } from '../../shared/schema-helpers';
import { describeIssues, InvalidSettingsError } from './settings-errors';

/**
 * Version 1: the pre-release shape (0.0.x builds, before projects could start at login), kept
 * so those files are carried over rather than reset.
 */
export const SettingsV1Schema = z
  .object({
    version: z.literal(1),
    /** Project folders. */
    projects: z.array(z.string().min(1)),
    /** What is now engineEndpoint. */
    dockerHost: z.string().min(1).optional(),
    theme: z.enum(['system', 'light', 'dark']).optional(),
    /** What is now startAtLogin. */
    openAtLogin: z.boolean().optional(),
  })
  .strict();
export type SettingsV1 = z.infer<typeof SettingsV1Schema>;

/**
 * The settings a file holds, migrated up to the current version. Throws InvalidSettingsError,
 * saying why, for anything it cannot take as settings: no version, a version from a newer
 * Parity, or values that do not fit the shape of their version.
 */
export function migrateSettings(raw: unknown): Settings {
  const version = versionOf(raw);
  if (version === SETTINGS_VERSION) return parse(SettingsSchema, raw);
  if (version === 1) return fromV1(parse(SettingsV1Schema, raw));
  if (version > SETTINGS_VERSION) {
    throw new InvalidSettingsError(
      `written by a newer Parity (settings version ${version}; this one reads up to ${SETTINGS_VERSION})`,
    );
  }
  throw new InvalidSettingsError(`unknown settings version ${version}`);
}

/** Settings version 1 as version 2. */
function fromV1(v1: SettingsV1): Settings {
  const defaults = defaultSettings();
  // A folder listed twice was one project then too.
  const directories = [...new Set(v1.projects)];
  return {
    ...defaults,
    projects: directories.map((directory) => ({ directory, startAtLogin: false })),
    engineEndpoint: v1.dockerHost ?? defaults.engineEndpoint,
    theme: v1.theme ?? defaults.theme,
    startAtLogin: v1.openAtLogin ?? defaults.startAtLogin,
  };
}

function versionOf(raw: unknown): number {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidSettingsError('not a settings object');
  }
  const { version } = raw as { version?: unknown };
  if (version === undefined) throw new InvalidSettingsError('no "version"');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new InvalidSettingsError(`"version" must be a whole number (found ${found(version)})`);
  }
  return version;
}

function parse<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw new InvalidSettingsError(describeIssues(result.error, raw));
  return result.data;
}
