import type { SourcePosition } from '../../shared/diagnostics';
import type { Field, ServiceModel } from '../../shared/model';
import type { LoadedProject, LoadResult } from '../config/load-project';
import { receiverTarget, type ReceiverTarget } from './inject-target';
import { injectSource } from './inject-source';

/** What `traces: {inject: true}` added to one service, for `parity up` and `parity config` to show. */
export interface TraceInjection {
  service: string;
  /** Variables added, in the order they were added; values the files set are never here. */
  environment: Record<string, string>;
  /** The extra_hosts entry added, when the service had none for host.docker.internal. */
  extraHost: string | null;
}

/** The project as `up` runs it, what was injected, and a note to print when nothing could be. */
export interface InjectedProject {
  project: LoadedProject;
  injected: TraceInjection[];
  /** Why parity.yaml asks to inject and nothing was (no receiver known, a bad URL); else null. */
  note: string | null;
}

/** The variables that say a service already sends its spans somewhere: it is left as it is. */
export const TRACE_ENDPOINT_VARIABLES = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_ZIPKIN_ENDPOINT',
  'ZIPKIN_ENDPOINT',
  'ZIPKIN_URL',
  'SPRING_ZIPKIN_BASE_URL',
  'MANAGEMENT_ZIPKIN_TRACING_ENDPOINT',
] as const;

const HOST_GATEWAY = 'host.docker.internal:host-gateway';

/**
 * With parity.yaml's `traces: {inject: true}` and a receiver at `receiverUrl` (the app's and
 * `parity serve`'s, or `parity up --traces URL`), the project with every service that names no
 * trace endpoint pointed at it: OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL and
 * OTEL_SERVICE_NAME where absent, and extra_hosts host.docker.internal:host-gateway so the name
 * resolves on Linux (Docker 20.10+). Nothing the files set is replaced; the loaded project
 * itself is left as it is (drift compares the files, not what Parity adds to run them).
 */
export function injectTraceEnv(
  project: LoadedProject,
  receiverUrl: string | null,
): InjectedProject {
  const unchanged = (note: string | null): InjectedProject => ({ project, injected: [], note });
  if (project.parity?.traces?.inject !== true) return unchanged(null);
  if (receiverUrl === null) {
    return unchanged(
      'parity.yaml asks for traces.inject, but no span receiver is known here: pass --traces URL ' +
        '(what `parity serve` prints as otlp:) or set PARITY_TRACES_URL; services keep their environment',
    );
  }
  const target = receiverTarget(receiverUrl);
  if ('problem' in target) return unchanged(`traces.inject: ${target.problem}`);
  const source = injectSource(project);
  const injected: TraceInjection[] = [];
  const services: Record<string, ServiceModel> = {};
  for (const [name, service] of Object.entries(project.model.services)) {
    const result = injectService(service, target, source);
    services[name] = result?.service ?? service;
    if (result) injected.push(result.injection);
  }
  if (injected.length === 0) return unchanged(null);
  return { project: { ...project, model: { ...project.model, services } }, injected, note: null };
}

function injectService(
  service: ServiceModel,
  target: ReceiverTarget,
  source: SourcePosition,
): { service: ServiceModel; injection: TraceInjection } | null {
  const mode = service.networkMode?.value ?? '';
  // No network, no spans to send.
  if (mode === 'none') return null;
  const declared = new Set([
    ...Object.keys(service.environment),
    // `environment: [NAME]` with NAME unset takes it out on purpose: a choice, not an absence.
    ...(service.container?.unsetEnvironment ?? []).map((field) => field.value),
  ]);
  if (TRACE_ENDPOINT_VARIABLES.some((name) => declared.has(name))) return null;
  // On the host's network the host's loopback is the container's own.
  const onHost = mode === 'host';
  const wanted: [string, string][] = [
    ['OTEL_EXPORTER_OTLP_ENDPOINT', onHost ? target.fromHostNetwork : target.fromContainer],
    // Some SDKs (the Java agent before 2.0) default to gRPC on 4317; the receiver is OTLP/HTTP.
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'http/protobuf'],
    ['OTEL_SERVICE_NAME', service.name],
  ];
  const environment: Record<string, string> = {};
  const fields: Record<string, Field<string>> = { ...service.environment };
  for (const [name, value] of wanted) {
    if (declared.has(name)) continue;
    environment[name] = value;
    fields[name] = { value, source };
  }
  const extraHost = needsHostGateway(service, target, mode) ? HOST_GATEWAY : null;
  const hosts = service.extraHosts?.value ?? [];
  return {
    service: {
      ...service,
      environment: fields,
      ...(extraHost
        ? {
            extraHosts: {
              value: [...hosts, extraHost],
              source: service.extraHosts?.source ?? source,
            },
          }
        : {}),
    },
    injection: { service: service.name, environment, extraHost },
  };
}

// The engine refuses extra_hosts beside another container's network (`service:`/`container:`),
// whose /etc/hosts is used instead, and a host-network container needs no name for the host.
function needsHostGateway(service: ServiceModel, target: ReceiverTarget, mode: string): boolean {
  if (!target.viaHostGateway || mode === 'host' || /^(service|container):/.test(mode)) return false;
  return !(service.extraHosts?.value ?? []).some((entry) =>
    entry.toLowerCase().startsWith('host.docker.internal:'),
  );
}

/** What was injected (or why nothing was), one line per service, as the CLI prints it. */
export function injectionLines({
  injected,
  note,
}: Pick<InjectedProject, 'injected' | 'note'>): string[] {
  if (note !== null) return [note];
  return injected.map(({ service, environment, extraHost }) => {
    const parts = Object.entries(environment).map(([name, value]) => `${name}=${value}`);
    if (extraHost) parts.push(`extra_hosts ${extraHost}`);
    return `traces.inject: ${service}: ${parts.join(', ')}`;
  });
}

/**
 * A loaded project as Parity started it, for comparing running containers with it (runtime
 * drift): without this, every injected container would read as changed since it was created.
 */
export function asStarted(loaded: LoadResult, receiverUrl: string | null): LoadResult {
  if (!loaded.project) return loaded;
  return { ...loaded, project: injectTraceEnv(loaded.project, receiverUrl).project };
}
