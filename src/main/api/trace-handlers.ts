import type { ApiHandlers } from '../../shared/api/contract';
import type { ObservedCalls } from '../../shared/traces';
import { productionHosts } from '../traces/production-hosts';
import { projectCalls } from '../traces/project-calls';
import type { TraceHub } from '../traces/trace-hub';
import type { ProjectRegistry } from './project-registry';

// Production's hosts are read from its manifests, which change rarely; spans come often.
const HOSTS_TTL_MS = 10_000;

/** traces.edges and traces.reset over the one TraceHub the receiver feeds. */
export function traceHandlers(
  registry: Pick<ProjectRegistry, 'load'>,
  hub: TraceHub,
): Pick<ApiHandlers, 'traces.edges' | 'traces.reset'> {
  const hosts = new Map<string, { at: number; hosts: Map<string, string> }>();
  return {
    'traces.edges': ({ project: id }) => {
      const { project } = registry.load(id);
      const result: ObservedCalls = {
        edges: [],
        outside: [],
        receiver: hub.endpoints,
        windowMinutes: hub.windowMs / 60_000,
      };
      if (!project) return Promise.resolve(result);
      let cached = hosts.get(id);
      if (!cached || Date.now() - cached.at > HOSTS_TTL_MS) {
        cached = { at: Date.now(), hosts: productionHosts(project) };
        hosts.set(id, cached);
      }
      return Promise.resolve({
        ...result,
        ...projectCalls(hub.edges(), project.model, cached.hosts),
      });
    },
    'traces.reset': () => {
      hub.reset();
      return Promise.resolve({});
    },
  };
}
