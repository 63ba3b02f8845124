import { isAbsolute } from 'node:path';
import { z } from 'zod';
import {
  ProjectEntrySchema,
  SettingsPatchSchema,
  type ProjectEntry,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import { describeIssues, InvalidSettingsError } from './settings-errors';

/** Called with the settings after every change this store makes or sees. */
export type SettingsListener = (settings: Settings) => void;

/**
 * Where Parity keeps its settings. Two implementations share one file, shape and migrations:
 * FileSettingsStore (plain Node: the CLI and `parity serve`) and the app's electron-store one.
 * Every method reads the file afresh, so a change by another process is never overwritten.
 */
export interface SettingsStore {
  /** The file the settings live in. */
  readonly path: string;
  /** The current settings (defaults on a first run). */
  read(): Settings;
  /** Changes some settings; throws InvalidSettingsError, saying why, and changes nothing. */
  update(patch: SettingsPatch): Settings;
  /** Replaces the project list; throws InvalidSettingsError for a bad or repeated folder. */
  setProjects(projects: ProjectEntry[]): Settings;
  /**
   * Changes the project list as `edit` says, on the list the file holds at that moment, under
   * the file's lock: adding or removing one project this way never loses another process's
   * change, where read() then setProjects() can.
   */
  editProjects(edit: (projects: ProjectEntry[]) => ProjectEntry[]): Settings;
  /** Calls `listener` after each change; returns the unsubscribe function. */
  onChange(listener: SettingsListener): () => void;
}

/** `settings` with `patch` applied; the patch is validated first, as it may come from a user. */
export function patchSettings(settings: Settings, patch: unknown): Settings {
  const parsed = SettingsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    throw new InvalidSettingsError(`Settings not changed: ${describeIssues(parsed.error, patch)}`);
  }
  // A key present with the value undefined (`{theme: undefined}`) leaves the setting alone.
  const changes = Object.fromEntries(
    Object.entries(parsed.data).filter(([, value]) => value !== undefined),
  );
  return { ...settings, ...changes };
}

const ProjectListSchema = z.array(ProjectEntrySchema);

/** `settings` with its project list replaced by a validated copy of `projects`. */
export function replaceProjects(settings: Settings, projects: unknown): Settings {
  const parsed = ProjectListSchema.safeParse(projects);
  if (!parsed.success) {
    throw new InvalidSettingsError(
      `Projects not changed: ${describeIssues(parsed.error, projects)}`,
    );
  }
  const seen = new Set<string>();
  for (const { directory } of parsed.data) {
    // The folder is the project's id in the API, so it must be absolute and listed once.
    if (!isAbsolute(directory)) {
      throw new InvalidSettingsError(
        `Projects not changed: "${directory}" is not an absolute folder path`,
      );
    }
    if (seen.has(directory)) {
      throw new InvalidSettingsError(`Projects not changed: "${directory}" is listed twice`);
    }
    seen.add(directory);
  }
  return { ...settings, projects: parsed.data };
}
