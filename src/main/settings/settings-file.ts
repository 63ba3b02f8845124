import { existsSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { defaultSettings, SETTINGS_VERSION, type Settings } from '../../shared/settings';
import { writeFileAtomicSync } from './atomic-write';
import { withFileLock } from './file-lock';
import { migrateSettings } from './migrate-settings';
import { ensurePrivateDirSync } from './private-dir';
import { InvalidSettingsError, SettingsFileError } from './settings-errors';
import { APP_NAME } from './settings-path';

/** A settings file that could not be used: where it was moved, and why. */
export interface SettingsRecovery {
  path: string;
  backupPath: string;
  reason: string;
}

/** The settings a file holds, and what had to be done to read them. */
export interface LoadedSettings {
  settings: Settings;
  /** Set when the file was unusable and Parity started from defaults. */
  recovery: SettingsRecovery | null;
  /** The version the file was migrated from (and rewritten), or null. */
  migratedFrom: number | null;
}

/** The file's text: electron-store's own format (tab-indented JSON), whoever writes it. */
export function serializeSettings(settings: unknown): string {
  return JSON.stringify(settings, null, '\t');
}

/** The lock every writer of `path` takes, the app's store included. */
export function settingsLockPath(path: string): string {
  return `${path}.lock`;
}

/**
 * Reads the settings at `path`: defaults when there is no file; an older version is migrated
 * and written back; an unusable file (bad JSON, no version, invalid values, a newer version) is
 * moved aside to `<path>.bad-<time>`, never deleted, and defaults are returned with the reason.
 * Throws SettingsFileError when the file is there but cannot be read at all.
 */
export function loadSettingsFile(path: string, now: () => Date = () => new Date()): LoadedSettings {
  const text = readText(path);
  if (text === null) return { settings: defaultSettings(), recovery: null, migratedFrom: null };
  try {
    const raw = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    const settings = migrateSettings(raw);
    const version = (raw as { version: number }).version;
    if (version === SETTINGS_VERSION) return { settings, recovery: null, migratedFrom: null };
    return withFileLock(settingsLockPath(path), () => {
      // Another process may have written the file since it was read: read that one instead.
      if (readText(path) !== text) return loadSettingsFile(path, now);
      saveSettingsFile(path, settings);
      return { settings, recovery: null, migratedFrom: version };
    });
  } catch (error) {
    if (!(error instanceof SyntaxError) && !(error instanceof InvalidSettingsError)) throw error;
    const reason =
      error instanceof SyntaxError ? `not valid JSON (${error.message})` : error.message;
    return withFileLock(settingsLockPath(path), () => {
      if (readText(path) !== text) return loadSettingsFile(path, now);
      const backupPath = moveAside(path, now());
      return {
        settings: defaultSettings(),
        recovery: { path, backupPath, reason },
        migratedFrom: null,
      };
    });
  }
}

/**
 * Writes `settings` to `path` atomically, 0600 in a folder of the user's own (0700 when Parity
 * created or named it); callers hold the lock while they read-modify-write.
 */
export function saveSettingsFile(path: string, settings: Settings): void {
  try {
    ensureSettingsFolder(path);
    writeFileAtomicSync(path, serializeSettings(settings));
  } catch (error) {
    throw new SettingsFileError(`cannot write the settings file ${path}: ${messageOf(error)}`);
  }
}

/**
 * The settings file's folder, checked to be the user's own; Parity's own folder (named after
 * the app) is also closed to group and others, a folder PARITY_SETTINGS points into is not.
 */
export function ensureSettingsFolder(path: string): void {
  const folder = dirname(path);
  ensurePrivateDirSync(folder, basename(folder) === APP_NAME);
}

/** How a recovery reads in a log or a dialog. */
export function describeRecovery({ path, backupPath, reason }: SettingsRecovery): string {
  return `The settings file ${path} could not be used (${reason}). It was kept as ${backupPath}; Parity starts from default settings.`;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SettingsFileError(`cannot read the settings file ${path}: ${messageOf(error)}`);
  }
}

// Renamed, not copied: the bytes are kept exactly, and the next read finds no file (defaults).
function moveAside(path: string, when: Date): string {
  // No colons: Windows does not allow them in file names.
  const stamp = when.toISOString().replace(/[:.]/g, '-');
  let backupPath = `${path}.bad-${stamp}`;
  for (let n = 2; existsSync(backupPath); n++) backupPath = `${path}.bad-${stamp}-${n}`;
  try {
    renameSync(path, backupPath);
  } catch (error) {
    throw new SettingsFileError(
      `the settings file ${path} is unusable and could not be moved aside: ${messageOf(error)}`,
    );
  }
  return backupPath;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
