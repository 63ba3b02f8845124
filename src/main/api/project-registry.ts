import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DriftResult } from '../../shared/api/contract';
import { firstErrorText, type Diagnostic } from '../../shared/diagnostics';
import type { LoadedProject, LoadResult } from '../config/load-project';
import { discoverComposeFiles } from '../config/discover';
import type { SettingsStore } from '../settings/settings-store';
import { unread, type ProjectLoader } from '../workers/project-loader';

/** A request named a project Parity does not have. */
export class ProjectNotFoundError extends Error {
  override readonly name = 'ProjectNotFoundError';
}

/** The folder cannot be a project (missing, not a folder, no compose file). */
export class NotAProjectError extends Error {
  override readonly name = 'NotAProjectError';
}

/** The project's files have errors, so it cannot be acted on until they are fixed. */
export class InvalidProjectError extends Error {
  override readonly name = 'InvalidProjectError';
}

/**
 * The projects the user added, kept in settings by folder. Files are read afresh on every
 * request, they change under us; by the loader, off the main process's event loop and within
 * a time limit, as a stranger's repository may take any time to read.
 */
export class ProjectRegistry {
  constructor(
    private readonly settings: Pick<SettingsStore, 'read' | 'editProjects'>,
    private readonly env: Record<string, string | undefined>,
    private readonly loader: ProjectLoader,
  ) {}

  /** The project ids (absolute folders), in the order they were added. */
  ids(): string[] {
    return this.settings.read().projects.map((project) => project.directory);
  }

  /** Reads a project's files; `allProfiles` includes services behind every profile (drift). */
  load(id: string, allProfiles = false): Promise<LoadResult> {
    this.require(id);
    // The Mirror production switch: the stack runs, shows and drifts with the override.
    return this.loader.load(id, allProfiles, this.mirroring(id));
  }

  /** The drift report against production (read with every profile), or why there is none. */
  async drift(id: string): Promise<DriftResult> {
    this.require(id);
    return (await this.loader.drift(id, this.mirroring(id))).drift;
  }

  /** Its files changed: the next reading starts afresh, even after one that was stopped. */
  forget(id: string): void {
    this.loader.forget(id);
  }

  /** Whether the project's Mirror production switch is on. */
  mirroring(id: string): boolean {
    return this.settings.read().projects.some((p) => p.directory === id && p.mirror === true);
  }

  /** Turns the project's Mirror production switch on or off. */
  setMirroring(id: string, mirror: boolean): void {
    this.require(id);
    this.settings.editProjects((projects) =>
      projects.map((p) => (p.directory === id ? { ...p, mirror } : p)),
    );
  }

  /** The project, or an error naming its first problem. */
  async loadValid(id: string): Promise<LoadedProject> {
    const { project, diagnostics } = await this.load(id);
    if (project) return project;
    throw new InvalidProjectError(
      `${id} cannot be used until its files are fixed: ${firstErrorText(diagnostics)}`,
    );
  }

  /**
   * Adds a folder (once); returns its id and its files as read. The folder is read once, and
   * saved only after reading it returned: one whose files have errors is saved (its summary
   * shows them, to fix), one whose reading fails or passes the time limit is refused, never
   * kept to fail at every start.
   */
  async add(directory: string): Promise<{ id: string; loaded: LoadResult }> {
    const id = resolve(directory);
    const stats = statSync(id, { throwIfNoEntry: false });
    if (!stats) throw new NotAProjectError(`${id} does not exist`);
    if (!stats.isDirectory()) throw new NotAProjectError(`${id} is not a folder`);
    if (discoverComposeFiles(id, [], this.env).files.length === 0) {
      throw new NotAProjectError(
        `${id} has no compose.yaml (or compose.yml, docker-compose.yaml, docker-compose.yml); add the folder that holds one`,
      );
    }
    // Adding again is trying again: a reading stopped before is not the answer.
    this.loader.forget(id);
    const loaded = await this.loader.load(id, false);
    if (unread(loaded)) {
      throw new InvalidProjectError(
        `${id} cannot be added: ${loaded.diagnostics[0]?.message ?? 'unreadable'}`,
      );
    }
    // Edited under the settings file's lock: another process may add or remove meanwhile.
    this.settings.editProjects((projects) =>
      projects.some((project) => project.directory === id)
        ? projects
        : [...projects, { directory: id, startAtLogin: false }],
    );
    return { id, loaded };
  }

  /** Marks whether the desktop app brings the project up when it starts at login. */
  setStartAtLogin(id: string, startAtLogin: boolean): void {
    this.require(id);
    this.settings.editProjects((projects) =>
      projects.map((p) => (p.directory === id ? { ...p, startAtLogin } : p)),
    );
  }

  /** Forgets a project; nothing on the engine is touched. */
  remove(id: string): void {
    this.require(id);
    this.settings.editProjects((projects) => projects.filter((p) => p.directory !== id));
  }

  /** Throws ProjectNotFoundError unless the folder is one of Parity's projects. */
  require(id: string): void {
    if (!this.ids().includes(id)) {
      throw new ProjectNotFoundError(`No project ${id} in Parity; add it first`);
    }
  }
}

/** Reading a project threw (a bug, or a limit not yet enforced): the failure as a diagnostic. */
export function loadFailure(error: unknown): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  const message = /Maximum call stack size exceeded/.test(reason)
    ? 'its files nest too deeply to be read (extends, include or values past any real project)'
    : reason;
  return { severity: 'error', message: `cannot read the project: ${message}` };
}
