import type { ProjectEntry, Settings, SettingsPatch } from '../../shared/settings';
import { withFileLock } from './file-lock';
import {
  describeRecovery,
  loadSettingsFile,
  saveSettingsFile,
  settingsLockPath,
  type SettingsRecovery,
} from './settings-file';
import { settingsFilePath } from './settings-path';
import {
  patchSettings,
  replaceProjects,
  type SettingsListener,
  type SettingsStore,
} from './settings-store';

/** How a store reports a settings file it had to move aside; by default, a warning on stderr. */
export type RecoveryReporter = (recovery: SettingsRecovery) => void;

/** Reports a recovery on stderr, where the CLI's and `parity serve`'s messages go. */
export const warnOnStderr: RecoveryReporter = (recovery) => {
  process.stderr.write(`parity: ${describeRecovery(recovery)}\n`);
};

/**
 * The settings store of the CLI and `parity serve`: the app's file, through plain Node fs. Every
 * call reads the file, and every change is a read-modify-write under the file's lock, so the
 * app and any number of CLI processes can change settings at the same time.
 */
export class FileSettingsStore implements SettingsStore {
  private readonly listeners = new Set<SettingsListener>();

  constructor(
    readonly path: string = settingsFilePath(),
    private readonly report: RecoveryReporter = warnOnStderr,
  ) {}

  read(): Settings {
    const { settings, recovery } = loadSettingsFile(this.path);
    if (recovery) this.report(recovery);
    return settings;
  }

  update(patch: SettingsPatch): Settings {
    return this.change((settings) => patchSettings(settings, patch));
  }

  setProjects(projects: ProjectEntry[]): Settings {
    return this.change((settings) => replaceProjects(settings, projects));
  }

  editProjects(edit: (projects: ProjectEntry[]) => ProjectEntry[]): Settings {
    return this.change((settings) => replaceProjects(settings, edit(settings.projects)));
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private change(apply: (settings: Settings) => Settings): Settings {
    const next = withFileLock(settingsLockPath(this.path), () => {
      const changed = apply(this.read());
      saveSettingsFile(this.path, changed);
      return changed;
    });
    for (const listener of this.listeners) listener(next);
    return next;
  }
}
