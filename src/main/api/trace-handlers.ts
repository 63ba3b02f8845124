import type { ApiHandlers } from '../../shared/api/contract';
import type { ObservedCalls } from '../../shared/traces';
import { productionHosts } from '../traces/production-hosts';
import { projectCalls } from '../traces/project-calls';
import type { TraceHub } from '../traces/trace-hub';
import type { LoadResult } from '../config/load-project';
import type { ProjectRegistry } from './project-registry';

// A project's files and production's hosts change rarely, spans often (traces.changed twice a
// second): one load on the worker serves the calls of the next ten seconds.
const PROJECT_TTL_MS = 10_000;

interface ReadProject {
  at: number;
  project: LoadResult['project'];
  hosts: Map<string, string>;
}

/** traces.edges and traces.reset over the one TraceHub the receiver feeds. */
export function traceHandlers(
  registry: Pick<ProjectRegistry, 'load'>,
  hub: TraceHub,
): Pick<ApiHandlers, 'traces.edges' | 'traces.reset'> {
  const read = new Map<string, ReadProject>();
  const projectOf = async (id: string): Promise<ReadProject> => {
    const cached = read.get(id);
    if (cached && Date.now() - cached.at <= PROJECT_TTL_MS) return cached;
    const { project } = await registry.load(id);
    const fresh = {
      at: Date.now(),
      project,
      hosts: project ? productionHosts(project) : new Map(),
    };
    read.set(id, fresh);
    return fresh;
  };
  return {
    'traces.edges': async ({ project: id }) => {
      const { project, hosts } = await projectOf(id);
      const result: ObservedCalls = {
        edges: [],
        outside: [],
        receiver: hub.endpoints,
        windowMinutes: hub.windowMs / 60_000,
      };
      if (!project) return result;
      return { ...result, ...projectCalls(hub.edges(), project.model, hosts) };
    },
    'traces.reset': () => {
      hub.reset();
      return Promise.resolve({});
    },
  };
}
