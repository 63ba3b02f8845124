import { existsSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import Store from 'electron-store';
import {
  defaultSettings,
  type ProjectEntry,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import { withFileLock } from '../settings/file-lock';
import { warnOnStderr, type RecoveryReporter } from '../settings/file-settings-store';
import { migrateSettings } from '../settings/migrate-settings';
import {
  loadSettingsFile,
  saveSettingsFile,
  serializeSettings,
  settingsLockPath,
} from '../settings/settings-file';
import { settingsFilePath } from '../settings/settings-path';
import {
  patchSettings,
  replaceProjects,
  type SettingsListener,
  type SettingsStore,
} from '../settings/settings-store';

/**
 * The app's settings store: electron-store over the file the CLI and `parity serve` use, with
 * the same migrations. electron-store's own schema and migrations are not used: its migrations
 * are keyed by app version and it clears (or throws on) a file it cannot read, where Parity
 * migrates by settings version and keeps a bad file aside. Its watcher reports changes the CLI
 * makes while the app runs.
 */
export class ElectronSettingsStore implements SettingsStore {
  readonly path: string;
  private readonly store: Store;

  constructor(
    path: string = settingsFilePath(),
    private readonly report: RecoveryReporter = warnOnStderr,
  ) {
    this.path = path;
    // Migrate or set aside the file before electron-store sees it: it throws on bad JSON, and
    // its watcher would create a missing file as `{}`, a file with no version.
    this.load();
    withFileLock(settingsLockPath(path), () => {
      if (!existsSync(path)) saveSettingsFile(path, defaultSettings());
    });
    this.store = new Store({
      // Given explicitly so the file is the CLI's, whatever app.name is (see settings-path.ts).
      cwd: dirname(path),
      name: basename(path, extname(path)),
      fileExtension: extname(path).slice(1),
      serialize: serializeSettings,
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: false,
      watch: true,
    });
  }

  read(): Settings {
    try {
      // electron-store reads a missing file as {}, which would look like a file with no version.
      if (!existsSync(this.path)) return defaultSettings();
      return migrateSettings(this.store.store);
    } catch {
      // Bad JSON or bad values: the shared loader moves the file aside and says why.
      return this.load();
    }
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

  /** Reports this store's writes and, through electron-store's watcher, other processes'. */
  onChange(listener: SettingsListener): () => void {
    return this.store.onDidAnyChange(() => listener(this.read()));
  }

  /** Stops watching the file. */
  close(): void {
    this.store._closeWatcher();
  }

  private load(): Settings {
    const { settings, recovery } = loadSettingsFile(this.path);
    if (recovery) this.report(recovery);
    return settings;
  }

  private change(apply: (settings: Settings) => Settings): Settings {
    return withFileLock(settingsLockPath(this.path), () => {
      const next = apply(this.read());
      this.store.store = next;
      return next;
    });
  }
}
