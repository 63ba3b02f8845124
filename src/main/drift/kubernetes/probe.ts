import type { SourcePosition } from '../../../shared/diagnostics';
import type { Field, Healthcheck } from '../../../shared/model';
import type { NodeReader } from '../../config/node-reader';
import type { YMap } from '../../config/yaml-tree';
import type { ContainerPort } from './service-ports';
import { child, items, stringItems } from './tree';
import type { K8sObjectSummary } from './types';

/**
 * What Kubernetes uses for a probe setting that is not written. The model keeps null there
 * (as the Compose reader does), so the drift layer can fill these in when it compares.
 */
export const KUBERNETES_PROBE_DEFAULTS = {
  intervalMs: 10_000,
  timeoutMs: 1_000,
  retries: 3,
  startPeriodMs: 0,
} as const;

const TIMINGS = [
  ['periodSeconds', 'intervalMs', 1000],
  ['timeoutSeconds', 'timeoutMs', 1000],
  ['failureThreshold', 'retries', 1],
  ['initialDelaySeconds', 'startPeriodMs', 1000],
] as const;

/** A container's health check and the positions of its settings. */
export interface ProbeRead {
  healthcheck: Field<Healthcheck>;
  probe: NonNullable<K8sObjectSummary['probe']>;
}

/**
 * The health check of a container: its readinessProbe, else its livenessProbe, else its
 * startupProbe (a Compose check gates `service_healthy` as readiness gates a Service), with the
 * others kept in `otherProbes` so that drift can say what each of them checks. The test says
 * what is probed, so two sides probing the same endpoint compare equal:
 * exec `['CMD', ...command]`; httpGet `['HTTP', 'GET', 'http://<host>:<port><path>', 'Header: v'...]`
 * (host empty: the pod's own address; a named port resolved to its number);
 * tcpSocket `['TCP', '<host>:<port>']`; grpc `['GRPC', ':<port>', service?]`.
 * periodSeconds, timeoutSeconds, failureThreshold and initialDelaySeconds are interval, timeout,
 * retries and start period (null when not written: KUBERNETES_PROBE_DEFAULTS then apply); the
 * source is the probe's key.
 */
export function readProbe(
  container: YMap,
  ports: readonly ContainerPort[],
  reader: NodeReader,
  what: string,
): ProbeRead | null {
  const read: ProbeRead[] = [];
  for (const kind of ['readinessProbe', 'livenessProbe', 'startupProbe'] as const) {
    const entry = container.entries.get(kind);
    const probe = reader.map(entry?.value, `${what}.${kind}`);
    if (!entry || !probe) continue;
    const fields: ProbeRead['probe']['fields'] = {};
    const healthcheck: Healthcheck = {
      test: probeTest(probe, ports, reader, fields),
      disable: false,
      intervalMs: null,
      timeoutMs: null,
      retries: null,
      startPeriodMs: null,
      startIntervalMs: null,
      probe: kind,
    };
    for (const [key, field, scale] of TIMINGS) {
      const node = child(probe, key);
      const value = reader.integer(node, `${kind}.${key}`);
      if (value === null || !node) continue;
      healthcheck[field] = value * scale;
      fields[field] = node.pos;
    }
    healthcheck.positions = { ...fields };
    read.push({
      healthcheck: { value: healthcheck, source: entry.keyPos },
      probe: { kind, fields },
    });
  }
  const [first, ...others] = read;
  if (!first) return null;
  if (others.length > 0)
    first.healthcheck.value.otherProbes = others.map((o) => o.healthcheck.value);
  return first;
}

function probeTest(
  probe: YMap,
  ports: readonly ContainerPort[],
  reader: NodeReader,
  fields: Partial<Record<keyof Healthcheck, SourcePosition>>,
): string[] | null {
  const handler = (key: string): YMap | null => reader.map(child(probe, key), key);
  const port = (map: YMap): string => {
    const text = reader.string(child(map, 'port'), 'probe port') ?? '';
    return String(ports.find((p) => p.name === text)?.containerPort ?? text);
  };
  const text = (map: YMap, key: string): string => reader.string(child(map, key), key) ?? '';
  // The handler's key (`httpGet:`) is where the test is written.
  const at = (key: string): void => {
    const pos = probe.entries.get(key)?.keyPos;
    if (pos) fields.test = pos;
  };
  const exec = handler('exec');
  if (exec) {
    at('exec');
    return ['CMD', ...(stringItems(child(exec, 'command'), 'exec.command', reader) ?? [])];
  }
  const http = handler('httpGet');
  if (http) {
    at('httpGet');
    const scheme = (text(http, 'scheme') || 'HTTP').toLowerCase();
    const path = text(http, 'path') || '/';
    const headers = items(child(http, 'httpHeaders'), 'httpHeaders', reader).flatMap((item) => {
      const map = reader.map(item, 'httpHeaders[]');
      return map ? [`${text(map, 'name')}: ${text(map, 'value')}`] : [];
    });
    return ['HTTP', 'GET', `${scheme}://${text(http, 'host')}:${port(http)}${path}`, ...headers];
  }
  const tcp = handler('tcpSocket');
  if (tcp) {
    at('tcpSocket');
    return ['TCP', `${text(tcp, 'host')}:${port(tcp)}`];
  }
  const grpc = handler('grpc');
  if (grpc) {
    at('grpc');
    const service = text(grpc, 'service');
    return ['GRPC', `:${port(grpc)}`, ...(service ? [service] : [])];
  }
  reader.report('error', 'found a probe with none of exec, httpGet, tcpSocket, grpc', probe.pos);
  return null;
}
