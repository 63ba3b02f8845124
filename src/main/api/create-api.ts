import type { ApiHandlers, ApiSession } from '../../shared/api/contract';
import type { LoadResult } from '../config/load-project';
import { acceptDrift } from '../drift/accept-writer';
import { rulePath } from '../drift/apply-rules';
import { down } from '../engine/down';
import type { DockerEngine } from '../engine/docker-engine';
import { restartServices, startServices, stopServices } from '../engine/service-control';
import { projectStats } from '../engine/project-stats';
import { removeContainers } from '../engine/remove';
import { listEngineChoices } from '../engine/endpoint/engine-choices';
import { systemSearch } from '../engine/endpoint/system-inputs';
import { watchEngine } from '../engine/engine-watcher';
import type { SettingsStore } from '../settings/settings-store';
import { LogSubscriptions } from './log-subscriptions';
import { DriftCache } from './drift-cache';
import { engineChoiceProblem } from './engine-from-settings';
import { engineStatus } from './engine-status';
import { notAnsweringStatus } from './engine-answer';
import { lockDrift, runtimeDrift, type LiveDriftSources } from './live-drift';
import { mirrorHandlers, mirrorRefresher } from './mirror-handlers';
import { watchProjectFiles } from './project-files-watch';
import { ProjectRegistry } from './project-registry';
import { projectSummaries } from './project-summaries';
import { inspectRuntime } from './inspect-runtime';
import { WorkerProjectLoader, type ProjectLoader } from '../workers/project-loader';
import { serviceViews } from './service-views';
import { SessionHub } from './sessions';
import { listStackResult } from './stack-list';
import { StackOperations } from './stack-operations';
import { actionsRunHandler, stackUpHandler } from './trusted-operations';
import { asStarted } from '../traces/inject-env';
import { TraceHub } from '../traces/trace-hub';
import { traceHandlers } from './trace-handlers';

/** What the API implementation needs; the app, the CLI and `parity serve` each pass their own. */
export interface ApiDependencies {
  engine: DockerEngine;
  settings: Pick<SettingsStore, 'read' | 'update' | 'editProjects'>;
  /** The environment project files are interpolated with (the user's shell). */
  env: Record<string, string | undefined>;
  /** Reads projects and their drift; by default worker threads with a time limit. */
  loader?: ProjectLoader;
}

/** The API, with the hooks its transports and the engine watcher call. */
export interface ParityApi {
  handlers: ApiHandlers;
  /** Every transport opens a session here per window or socket. */
  sessions: SessionHub;
  /** Observed calls: the span receiver (src/main/traces) feeds it, traces.edges reads it. */
  traces: TraceHub;
  /** Stops log streams, file watchers and the engine watcher. */
  close(): Promise<void>;
}

// engine.status uses no session.
const NO_SESSION: ApiSession = { id: 'core', emit: () => undefined, onClose: () => undefined };

// Events for one project are coalesced: a burst of container events becomes one update.
const NOTIFY_DELAY_MS = 30;

/** The one implementation of the API contract, shared by every transport. */
export function createApi({ engine, settings, env, loader }: ApiDependencies): ParityApi {
  const sessions = new SessionHub();
  const projectLoader = loader ?? new WorkerProjectLoader(env);
  const registry = new ProjectRegistry(settings, env, projectLoader);
  const logs = new LogSubscriptions(engine, () => settings.read().logRingSize);
  const names = new Map<string, string>();
  const watchers = new Map<string, () => void>();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const drift = new DriftCache((id) => registry.drift(id));
  const traces = new TraceHub();
  const unwatchTraces = traces.onChange(() =>
    sessions.broadcast({ event: 'traces.changed', payload: {} }),
  );

  let listing: Promise<unknown> = Promise.resolve();
  const { summary, containersOf } = projectSummaries({
    engine,
    registry,
    drift,
    isBusy: (id) => operations.isBusy(id),
    // Pushed only once the list that said it was pending has answered: a window or the tray
    // applying that list over an earlier push would show the count pending again.
    onDriftKnown: (id) => void listing.then(() => notify(id)),
    onRead: (id, project) => {
      if (project) names.set(id, project.name);
      if (!watchers.has(id)) {
        watchers.set(
          id,
          watchProjectFiles(id, project, () => filesChanged(id)),
        );
      }
    },
  });

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
    registry.forget(id);
    drift.forget(id);
    drift.summary(id).then(
      (summary) =>
        sessions.broadcast({ event: 'drift.changed', payload: { project: id, summary } }),
      () => undefined,
    );
    notify(id);
    refreshMirror(id);
  };

  const operations = new StackOperations(engine, registry, sessions, notify);
  // Starts and quick actions go through trust (src/main/trust).
  // The receiver starts after the API (setup-traces.ts, serve.ts): asked at each start.
  const tracesReceiver = (): string | null => traces.endpoints?.otlp ?? null;
  // Trusting a folder lets drift read its production from outside it: computed again.
  const trusted = {
    engine,
    registry,
    operations,
    settings,
    env,
    tracesReceiver,
    onTrusted: filesChanged,
  };
  const refreshMirror = mirrorRefresher({ ...trusted, filesChanged });

  const stopWatching = (id: string): void => {
    watchers.get(id)?.();
    watchers.delete(id);
    names.delete(id);
    registry.forget(id);
    drift.forget(id);
  };

  const live = (id: string, loaded: LoadResult): LiveDriftSources => ({
    engine,
    loader: projectLoader,
    id,
    loaded,
  });

  const handlers: ApiHandlers = {
    'engine.status': () => engineStatus(engine, env),
    'engine.choices': () => listEngineChoices(systemSearch(env), engine.target),
    'stacks.list': () => listStackResult(engine),
    'projects.list': () => {
      const list = Promise.all(registry.ids().map((id) => summary(id)));
      listing = list.catch(() => undefined);
      return list;
    },
    'projects.add': async ({ directory }) => {
      // Read once, before it is saved (ProjectRegistry.add); the summary uses that reading.
      const { id, loaded } = await registry.add(directory);
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
      // Read once: the summary and the services come from the same reading.
      const loaded = await registry.load(id);
      const payload = await summary(id, loaded);
      const { project } = loaded;
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
    'stats.get': async ({ project }) =>
      projectStats(engine, (await registry.loadValid(project)).name),
    'logs.subscribe': async ({ project, ...params }, session) => ({
      subscription: await logs.subscribe((await registry.loadValid(project)).name, params, session),
    }),
    'logs.unsubscribe': async ({ subscription }, session) => {
      await logs.unsubscribe(subscription, session.id);
      return {};
    },
    // Production drift follows the files (cached until they change); the running containers
    // and the local images change without them, so those are read again on every request.
    'drift.get': async ({ project, against = 'production' }) =>
      against === 'runtime'
        ? runtimeDrift(
            live(project, asStarted(await registry.load(project, true), tracesReceiver())),
            env,
          )
        : against === 'lock'
          ? lockDrift(live(project, await registry.load(project, true)))
          : drift.get(project),
    'drift.accept': ({ project, service, path, reason, expires }) => {
      const { file, created } = acceptDrift(project, [
        { path: rulePath({ service, path }), reason, ...(expires ? { expires } : {}) },
      ]);
      filesChanged(project);
      return Promise.resolve({ file, created });
    },
    'actions.run': actionsRunHandler(trusted),
    ...traceHandlers(registry, traces, engine),
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
    traces,
    async close() {
      unwatch();
      unwatchTraces();
      traces.close();
      for (const timer of pending.values()) clearTimeout(timer);
      for (const id of [...watchers.keys()]) stopWatching(id);
      await logs.closeAll();
      // A loader passed in belongs to whoever made it (`parity serve` shares its own).
      if (!loader) await projectLoader.close();
    },
  };
}

// What reading a project threw, as the error its summary shows (a stack overflow named as the
// nesting it means).
