import type { ApiHandlers } from '../../shared/api/contract';
import type { ObservedCalls } from '../../shared/traces';
import type { DockerEngine } from '../engine/docker-engine';
import { productionHosts } from '../traces/production-hosts';
import { projectCalls } from '../traces/project-calls';
import { StackQueries } from '../traces/stack-query';
import type { TraceHub } from '../traces/trace-hub';
import { SenderProjects, type ContainerAddresses } from '../traces/container-bridges';
import type { LoadResult } from '../config/load-project';
import { COMPOSE_LABEL } from '../engine/compose-labels';
import type { ProjectRegistry } from './project-registry';

// A project's files and production's hosts change rarely, spans often (traces.changed twice a
// second): one load on the worker serves the calls of the next ten seconds.
const PROJECT_TTL_MS = 10_000;

interface ReadProject {
  at: number;
  project: LoadResult['project'];
  hosts: Map<string, string>;
}

/** The engine calls the trace handlers make: the stack's trace stores and the senders' projects. */
export type TraceEngine = Pick<
  DockerEngine,
  'listProjectContainers' | 'listRunningContainers' | 'target'
>;

/**
 * traces.edges and traces.reset over the one TraceHub the receiver feeds. With an engine, a
 * project shown in a window also has its own Zipkin or Jaeger read, and posted spans count for
 * the project whose container sent them.
 */
export function traceHandlers(
  registry: Pick<ProjectRegistry, 'load'>,
  hub: TraceHub,
  engine?: TraceEngine,
): Pick<ApiHandlers, 'traces.edges' | 'traces.reset'> {
  const read = new Map<string, ReadProject>();
  // A remote engine publishes ports on its own machine: 127.0.0.1 here is something else.
  const queries =
    engine && onThisMachine(engine)
      ? new StackQueries({
          containers: (project) => engine.listProjectContainers(project),
          hub,
        })
      : null;
  // Likewise, a remote engine's container addresses say nothing of the peers posting here.
  if (engine && queries) {
    hub.senders = new SenderProjects(() => containerAddresses(engine));
    hub.onClose(() => queries.close());
  }
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
    'traces.edges': async ({ project: id }, session) => {
      const { project, hosts } = await projectOf(id);
      const result: ObservedCalls = {
        edges: [],
        outside: [],
        receiver: hub.endpoints,
        windowMinutes: hub.windowMs / 60_000,
      };
      if (!project) return result;
      if (queries) {
        queries.watch(session.id, project.name, (stop) => session.onClose(stop));
        result.queries = queries.statuses(project.name);
      }
      return {
        ...result,
        ...projectCalls(hub.edges(project.name), project.model, hosts),
      };
    },
    'traces.reset': () => {
      hub.reset();
      return Promise.resolve({});
    },
  };
}

// Every running Compose container's project and addresses, for telling senders apart.
async function containerAddresses(engine: TraceEngine): Promise<ContainerAddresses[]> {
  return (await engine.listRunningContainers()).flatMap((container) => {
    const project = container.Labels[COMPOSE_LABEL.project];
    if (!project) return [];
    const addresses = Object.values(container.NetworkSettings?.Networks ?? {})
      .map((network) => network.IPAddress)
      .filter((ip) => ip !== '');
    return [{ project, addresses }];
  });
}

// Whether the engine's containers publish their ports on this machine's loopback: a local
// socket (Docker Desktop's included: it forwards them), or tcp to this machine.
function onThisMachine(engine: TraceEngine): boolean {
  const parsed = engine.target?.parsed;
  if (!parsed || parsed.scheme === 'unix' || parsed.scheme === 'npipe') return true;
  return (
    parsed.scheme === 'tcp' && ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(parsed.host)
  );
}
