import { existsSync } from 'node:fs';
import type { ProjectSummary } from '../../shared/projects';
import type { StackContainer } from '../../shared/stacks';
import type { LoadedProject, LoadResult } from '../config/load-project';
import type { DockerEngine } from '../engine/docker-engine';
import { groupStacks } from '../engine/stacks';
import type { DriftCache, KnownCount } from './drift-cache';
import { ENGINE_ANSWER_MS, engineNotAnswering, withinTime } from './engine-answer';
import { loadFailure, ProjectNotFoundError, type ProjectRegistry } from './project-registry';
import { missingProjectSummary, summarizeProject } from './project-summary';

/** What a project's summary is read from. */
export interface SummarySources {
  engine: DockerEngine;
  registry: ProjectRegistry;
  drift: DriftCache;
  isBusy: (id: string) => boolean;
  /** Hears each project as read (the API watches its files and knows it by name from then). */
  onRead: (id: string, project: LoadedProject | null) => void;
  /** Hears that a drift count a summary said was pending has arrived (to push the summary). */
  onDriftKnown: (id: string) => void;
}

/** Project summaries (the sidebar's and the tray's), and a project's containers. */
export interface ProjectSummaries {
  /** The summary; `loaded` is a reading already made, not made again. */
  summary: (id: string, loaded?: LoadResult) => Promise<ProjectSummary>;
  containersOf: (project: string) => Promise<StackContainer[]>;
}

/** Summaries over the registry, the engine and the drift cache. */
export function projectSummaries(sources: SummarySources): ProjectSummaries {
  const { engine, registry, drift, isBusy, onRead, onDriftKnown } = sources;
  // The projects whose pending count someone is told of when it arrives: once each.
  const awaited = new Set<string>();

  // A summary never waits for a drift report: one project whose production render hangs until
  // the time limit would hold every list that long. It says the count is pending, and the
  // count is pushed when the report arrives.
  const driftOf = (id: string, project: LoadedProject): KnownCount => {
    if (!project.parity?.production?.length) return { pending: false, count: null };
    const known = drift.known(id);
    if (known.pending && !awaited.has(id)) {
      awaited.add(id);
      void drift
        .get(id)
        .catch(() => undefined)
        .then(() => {
          awaited.delete(id);
          onDriftKnown(id);
        });
    }
    return known;
  };

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

  const readSummary = async (id: string, loaded?: LoadResult): Promise<ProjectSummary> => {
    // A folder that is gone is said so, not read as a project in error or shown as stopped.
    if (!existsSync(id)) return missingProjectSummary(id);
    const { project, diagnostics } = loaded ?? (await registry.load(id));
    onRead(id, project);
    const known = project ? driftOf(id, project) : null;
    return summarizeProject({
      id,
      project,
      diagnostics,
      containers: project ? await containersOf(project.name) : [],
      busy: isBusy(id),
      driftCount: known && !known.pending ? known.count : null,
      driftPending: known?.pending === true,
      mirroring: registry.mirroring(id),
    });
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
        busy: isBusy(id),
        driftCount: null,
      });
    }
  };

  return { summary, containersOf };
}
