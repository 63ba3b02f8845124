import { existsSync } from 'node:fs';
import type { ApiHandlers, ApiSession } from '../../shared/api/contract';
import type { ProjectSummary } from '../../shared/projects';
import type { StackContainer } from '../../shared/stacks';
import type { LoadResult } from '../config/load-project';
import { acceptDrift } from '../drift/accept-writer';
import { rulePath } from '../drift/apply-rules';
import { down } from '../engine/down';
import type { DockerEngine } from '../engine/docker-engine';
import { restartServices, startServices, stopServices } from '../engine/service-control';
import { projectStats } from '../engine/project-stats';
import { removeContainers } from '../engine/remove';
import { groupStacks } from '../engine/stacks';
import { listEngineChoices } from '../engine/endpoint/engine-choices';
import { systemSearch } from '../engine/endpoint/system-inputs';
import { watchEngine } from '../engine/engine-watcher';
import type { SettingsStore } from '../settings/settings-store';
import { LogSubscriptions } from './log-subscriptions';
import { DriftCache } from './drift-cache';
import { engineChoiceProblem } from './engine-from-settings';
import { engineStatus } from './engine-status';
import {
  ENGINE_ANSWER_MS,
  engineNotAnswering,
  notAnsweringStatus,
  withinTime,
} from './engine-answer';
import { lockDrift, runtimeDrift } from './live-drift';
import { mirrorHandlers, mirrorRefresher } from './mirror-handlers';
import { watchProjectFiles } from './project-files-watch';
import { loadFailure, ProjectNotFoundError, ProjectRegistry } from './project-registry';
import { missingProjectSummary, summarizeProject } from './project-summary';
import { inspectRuntime } from './inspect-runtime';
import { serviceViews } from './service-views';
import { SessionHub } from './sessions';
import { listStackResult } from './stack-list';
import { StackOperations } from './stack-operations';
import { actionsRunHandler, stackUpHandler } from './trusted-operations';

/** What the API implementation needs; the app, the CLI and `parity serve` each pass their own. */
export interface ApiDependencies {
  engine: DockerEngine;
  settings: Pick<SettingsStore, 'read' | 'update' | 'editProjects'>;
  /** The environment project files are interpolated with (the user's shell). */
  env: Record<string, string | undefined>;
}

/** The API, with the hooks its transports and the engine watcher call. */
export interface ParityApi {
  handlers: ApiHandlers;
  /** Every transport opens a session here per window or socket. */
  sessions: SessionHub;
  /** Stops log streams, file watchers and the engine watcher. */
  close(): Promise<void>;
}

// engine.status uses no session.
const NO_SESSION: ApiSession = { id: 'core', emit: () => undefined, onClose: () => undefined };

// Events for one project are coalesced: a burst of container events becomes one update.
const NOTIFY_DELAY_MS = 30;

/** The one implementation of the API contract, shared by every transport. */
export function createApi({ engine, settings, env }: ApiDependencies): ParityApi {
  const sessions = new SessionHub();
  const registry = new ProjectRegistry(settings, env);
  const logs = new LogSubscriptions(engine, () => settings.read().logRingSize);
  const names = new Map<string, string>();
  const watchers = new Map<string, () => void>();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const drift = new DriftCache((id) => registry.load(id, true));

  // An engine that is away, still starting (HTTP 5xx) or too slow leaves a project with no
  // containers to show: engine.status says why, and the engine's return brings a re-read.
  const containersOf = async (project: string): Promise<StackContainer[]> => {
    try {
      const listed = await withinTime(engine.listProjectContainers(project), ENGINE_ANSWER_MS);
      return groupStacks(listed)[0]?.containers ?? [];
    } catch (error) {
      if (engineNotAnswering(error)) return [];
      throw error;
    }
  };

  // A project whose files make reading them fail (a bug, or a limit not yet enforced) is one
  // project in error: its summary carries the failure as a diagnostic, and every other
  // project still lists.
  const summary = async (id: string, loaded?: LoadResult): Promise<ProjectSummary> => {
    try {
      return await readSummary(id, loaded);
    } catch (error) {
      if (error instanceof ProjectNotFoundError) throw error;
      return summarizeProject({
        id,
        project: null,
        diagnostics: [loadFailure(error)],
        containers: [],
        busy: operations.isBusy(id),
        driftCount: null,
      });
    }
  };

  const readSummary = async (id: string, loaded?: LoadResult): Promise<ProjectSummary> => {
    // A folder that is gone is said so, not read as a project in error or shown as stopped.
    if (!existsSync(id)) return missingProjectSummary(id);
    const { project, diagnostics } = loaded ?? registry.load(id);
    if (project) names.set(id, project.name);
    if (!watchers.has(id))
      watchers.set(
        id,
        watchProjectFiles(id, project, () => filesChanged(id)),
      );
    return summarizeProject({
      id,
      project,
      diagnostics,
      containers: project ? await containersOf(project.name) : [],
      busy: operations.isBusy(id),
      driftCount: drift.count(id),
      mirroring: registry.mirroring(id),
    });
  };

  const notify = (id: string): void => {
    if (pending.has(id)) return;
    pending.set(
      id,
      setTimeout(() => {
        pending.delete(id);
        if (!registry.ids().includes(id)) return;
        summary(id).then(
          (payload) => sessions.broadcast({ event: 'project.changed', payload }),
          () => undefined,
        );
      }, NOTIFY_DELAY_MS),
    );
  };

  const filesChanged = (id: string): void => {
    watchers.get(id)?.();
    watchers.delete(id);
    drift.forget(id);
    sessions.broadcast({
      event: 'drift.changed',
      payload: { project: id, summary: drift.summary(id) },
    });
    notify(id);
    refreshMirror(id);
  };

  const operations = new StackOperations(engine, registry, sessions, notify);
  // Starts and quick actions go through trust (src/main/trust).
  const trusted = { engine, registry, operations, settings, env };
  const refreshMirror = mirrorRefresher({ ...trusted, filesChanged });

  const stopWatching = (id: string): void => {
    watchers.get(id)?.();
    watchers.delete(id);
    names.delete(id);
    drift.forget(id);
  };

  const handlers: ApiHandlers = {
    'engine.status': () => engineStatus(engine, env),
    'engine.choices': () => listEngineChoices(systemSearch(env), engine.target),
    'stacks.list': () => listStackResult(engine),
    'projects.list': () => Promise.all(registry.ids().map((id) => summary(id))),
    'projects.add': async ({ directory }) => {
      // Read once, before it is saved (ProjectRegistry.add); the summary uses that reading.
      const { id, loaded } = registry.add(directory);
      const payload = await summary(id, loaded);
      // Every window and the tray learn of it, not only the one that asked.
      sessions.broadcast({ event: 'project.changed', payload });
      return payload;
    },
    'projects.setStartAtLogin': ({ project, startAtLogin }) => {
      registry.setStartAtLogin(project, startAtLogin);
      return Promise.resolve({});
    },
    'projects.remove': ({ project }) => {
      registry.remove(project);
      stopWatching(project);
      sessions.broadcast({ event: 'project.removed', payload: { id: project } });
      return Promise.resolve({});
    },
    'projects.get': async ({ project: id }) => {
      const payload = await summary(id);
      const { project } = registry.load(id);
      const containers = project ? await containersOf(project.name) : [];
      const known = new Set(Object.keys(project?.model.services ?? {}));
      return {
        summary: payload,
        services: project
          ? serviceViews(
              project.model,
              containers,
              await inspectRuntime(engine, containers),
              project.fromShell,
            )
          : [],
        orphans: containers.filter((c) => !c.oneoff && !known.has(c.service)),
      };
    },
    'stack.up': stackUpHandler(trusted),
    'stack.down': ({ project, volumes }) =>
      operations.run(project, 'down', (loaded, onProgress) =>
        down(engine, loaded.name, { volumes, onProgress }),
      ),
    'stack.stop': async ({ project, services }) => {
      await operations.run(project, 'stop', (loaded, onProgress) =>
        stopServices(engine, loaded.name, { ...(services ? { services } : {}), onProgress }),
      );
      return {};
    },
    'stack.restart': async ({ project, services }) => {
      await operations.run(project, 'restart', (loaded, onProgress) =>
        restartServices(engine, loaded.name, { ...(services ? { services } : {}), onProgress }),
      );
      return {};
    },
    'service.start': async ({ project, service }) => {
      await operations.run(project, 'start', (loaded, onProgress) =>
        startServices(engine, loaded.name, { services: [service], onProgress }),
      );
      return {};
    },
    'service.stop': async ({ project, service }) => {
      await operations.run(project, 'stop', (loaded, onProgress) =>
        stopServices(engine, loaded.name, { services: [service], onProgress }),
      );
      return {};
    },
    'service.restart': async ({ project, service }) => {
      await operations.run(project, 'restart', (loaded, onProgress) =>
        restartServices(engine, loaded.name, { services: [service], onProgress }),
      );
      return {};
    },
    'service.remove': async ({ project, service, stop, volumes }) => ({
      removed: await operations.run(project, 'remove', (loaded, onProgress) =>
        removeContainers(engine, loaded.name, { services: [service], stop, volumes, onProgress }),
      ),
    }),
    'stats.get': ({ project }) => projectStats(engine, registry.loadValid(project).name),
    'logs.subscribe': async ({ project, ...params }, session) => ({
      subscription: await logs.subscribe(registry.loadValid(project).name, params, session),
    }),
    'logs.unsubscribe': async ({ subscription }, session) => {
      await logs.unsubscribe(subscription, session.id);
      return {};
    },
    // Production drift follows the files (cached until they change); the running containers
    // and the local images change without them, so those are read again on every request.
    'drift.get': ({ project, against = 'production' }) =>
      against === 'runtime'
        ? runtimeDrift(engine, registry.load(project, true), env)
        : against === 'lock'
          ? lockDrift(engine, registry.load(project, true))
          : Promise.resolve(drift.get(project)),
    'drift.accept': ({ project, service, path, reason, expires }) => {
      const { file, created } = acceptDrift(project, [
        { path: rulePath({ service, path }), reason, ...(expires ? { expires } : {}) },
      ]);
      filesChanged(project);
      return Promise.resolve({ file, created });
    },
    'actions.run': actionsRunHandler(trusted),
    ...mirrorHandlers({ ...trusted, filesChanged }),
    'settings.get': () => Promise.resolve(settings.read()),
    'settings.set': ({ patch }) => {
      // A choice that cannot be used is refused here, where the user can still correct it.
      const refused =
        typeof patch.engineEndpoint === 'string'
          ? engineChoiceProblem(patch.engineEndpoint, env)
          : null;
      if (refused) return Promise.reject(refused);
      return Promise.resolve(settings.update(patch));
    },
  };

  // The engine's own events keep every window current, whoever changed the containers.
  const unwatch = watchEngine(engine).subscribe((event) => {
    if (event.type === 'container') {
      for (const [id, name] of names) if (name === event.project) notify(id);
      return;
    }
    void handlers['engine.status']({}, NO_SESSION)
      .catch((error: unknown) => notAnsweringStatus(engine, error))
      .then((status) => {
        sessions.broadcast({ event: 'engine.status', payload: status });
        // Events missed while the engine was away: every project is read again.
        for (const id of registry.ids()) notify(id);
      });
  });

  return {
    handlers,
    sessions,
    async close() {
      unwatch();
      for (const timer of pending.values()) clearTimeout(timer);
      for (const id of [...watchers.keys()]) stopWatching(id);
      await logs.closeAll();
    },
  };
}

// What reading a project threw, as the error its summary shows (a stack overflow named as the
// nesting it means).
