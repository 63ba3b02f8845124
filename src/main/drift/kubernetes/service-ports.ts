import type { SourcePosition } from '../../../shared/diagnostics';
import type { Field, IngressRoute, PortMapping } from '../../../shared/model';
import type { NodeReader } from '../../config/node-reader';
import type { YMap, YNode } from '../../config/yaml-tree';
import { sameNamespace, type K8sObject } from './objects';
import { child, items, stringMap } from './tree';
import type { K8sServicePortSummary } from './types';

/** A Kubernetes Service, read for the pods it selects and the ports it forwards. */
export interface K8sService {
  object: K8sObject;
  type: string;
  selector: Record<string, string>;
  /** Each port with where its targetPort is written and the Ingress routes to it (ingress.ts). */
  ports: (K8sServicePortSummary & { targetSource: SourcePosition; ingress: IngressRoute[] })[];
}

/** A port a container declares. */
export interface ContainerPort {
  name: string | null;
  containerPort: number;
  protocol: PortMapping['protocol'];
  hostPort: number | null;
  hostIp: string | null;
  source: SourcePosition;
}

/** A container as the port join sees it. */
export interface PortedContainer {
  name: string;
  ports: ContainerPort[];
}

/** Reads a Service's type, selector and ports. */
export function readService(object: K8sObject, reader: NodeReader): K8sService {
  const spec = reader.map(child(object.node, 'spec'), `Service "${object.name}" spec`);
  const ports = items(child(spec, 'ports'), 'Service spec.ports', reader).flatMap((item) => {
    const map = reader.map(item, 'Service spec.ports[]');
    const port = reader.integer(child(map, 'port'), 'Service port');
    if (!map || port === null) return [];
    const target = child(map, 'targetPort');
    const targetText = reader.string(target, 'targetPort');
    const numeric = targetText !== null && /^\d+$/.test(targetText);
    return [
      {
        name: reader.string(child(map, 'name'), 'Service port name'),
        port,
        targetPort: targetText === null ? port : numeric ? Number(targetText) : targetText,
        nodePort: reader.integer(child(map, 'nodePort'), 'nodePort'),
        protocol: protocol(child(map, 'protocol'), reader),
        reaches: [],
        source: map.pos,
        targetSource: target?.pos ?? map.pos,
        ingress: [],
      },
    ];
  });
  return {
    object,
    type: reader.string(child(spec, 'type'), 'Service type') ?? 'ClusterIP',
    selector: stringMap(child(spec, 'selector'), 'Service spec.selector', reader),
    ports,
  };
}

/** A container's `ports`, each positioned at its containerPort. */
export function readContainerPorts(container: YMap, reader: NodeReader): ContainerPort[] {
  return items(child(container, 'ports'), 'ports', reader).flatMap((item) => {
    const map = reader.map(item, 'ports[]');
    const portNode = child(map, 'containerPort');
    const containerPort = reader.integer(portNode, 'containerPort');
    if (!map || !portNode || containerPort === null) return [];
    return [
      {
        name: reader.string(child(map, 'name'), 'port name'),
        containerPort,
        protocol: protocol(child(map, 'protocol'), reader),
        hostPort: reader.integer(child(map, 'hostPort'), 'hostPort'),
        hostIp: reader.string(child(map, 'hostIP'), 'hostIP'),
        source: portNode.pos,
      },
    ];
  });
}

/**
 * The main container's ports in Compose's terms: each containerPort once per Service port
 * that forwards to it (published = the Service port, as kompose maps them), with a hostPort
 * published on the node, or unpublished when nothing exposes it; then Service ports to numbers
 * no container declares (they still reach the main container). Each says how it is exposed:
 * by the Service's type, `host` for a hostPort, `none` when nothing forwards to it. Records in
 * each Service port which `workload/container` it reaches, sidecars included. With `of`, another
 * container of the pod (a sidecar read as a service of its own), its ports the same way; the
 * main one's join has recorded and reported what the Services reach already.
 */
export function joinServicePorts(
  workload: string,
  namespace: string | null,
  labels: Record<string, string>,
  containers: readonly PortedContainer[],
  main: PortedContainer,
  services: readonly K8sService[],
  reader: NodeReader,
  of: PortedContainer = main,
): Field<PortMapping>[] {
  const first = of === main;
  const exposed: {
    container: string;
    target: number;
    port: K8sService['ports'][number];
    exposure: Exposure;
    service: K8sService;
  }[] = [];
  for (const service of services) {
    if (!selects(service, namespace, labels)) continue;
    for (const port of service.ports) {
      const target = port.targetPort;
      const owner =
        typeof target === 'number'
          ? (containers.find((c) =>
              c.ports.some((p) => p.containerPort === target && p.protocol === port.protocol),
            ) ?? main)
          : containers.find((c) => c.ports.some((p) => p.name === target));
      const number =
        typeof target === 'number'
          ? target
          : owner?.ports.find((p) => p.name === target)?.containerPort;
      if (!owner || number === undefined) {
        if (first)
          reader.report(
            'warning',
            `found Service "${service.object.name}" targetPort "${target}", which no container of "${workload}" names`,
            port.targetSource,
          );
        continue;
      }
      if (first) port.reaches.push(`${workload}/${owner.name}`);
      if (owner.name === of.name)
        exposed.push({
          container: owner.name,
          target: number,
          port,
          exposure: exposure(service),
          service,
        });
    }
  }
  const mappings: Field<PortMapping>[] = [];
  const base = (p: ContainerPort | null, target: number, protocol: PortMapping['protocol']) => ({
    target,
    hostIp: null,
    protocol,
    mode: 'ingress' as const,
    ...(p?.name ? { name: p.name } : {}),
  });
  // Which Service forwards the port, by the names clients use for it, and its node port.
  const through = (
    e: (typeof exposed)[number],
  ): Pick<PortMapping, 'service' | 'nodePort' | 'ingress'> => ({
    service: { name: e.service.object.name ?? '', namespace: e.service.object.namespace },
    ...(e.exposure === 'node-port' && e.port.nodePort !== null
      ? { nodePort: e.port.nodePort }
      : {}),
    ...(e.port.ingress.length > 0 ? { ingress: [...e.port.ingress] } : {}),
  });
  for (const p of of.ports) {
    const matching = exposed.filter(
      (e) => e.target === p.containerPort && e.port.protocol === p.protocol,
    );
    for (const e of matching) {
      mappings.push({
        value: {
          ...base(p, p.containerPort, p.protocol),
          published: String(e.port.port),
          exposure: e.exposure,
          ...through(e),
        },
        source: p.source,
      });
    }
    if (p.hostPort !== null) {
      mappings.push({
        value: {
          ...base(p, p.containerPort, p.protocol),
          published: String(p.hostPort),
          hostIp: p.hostIp,
          mode: 'host',
          exposure: 'host',
        },
        source: p.source,
      });
    } else if (matching.length === 0) {
      mappings.push({
        value: { ...base(p, p.containerPort, p.protocol), published: null, exposure: 'none' },
        source: p.source,
      });
    }
  }
  for (const e of exposed) {
    if (of.ports.some((p) => p.containerPort === e.target && p.protocol === e.port.protocol))
      continue;
    mappings.push({
      value: {
        ...base(null, e.target, e.port.protocol),
        published: String(e.port.port),
        exposure: e.exposure,
        ...through(e),
      },
      source: e.port.targetSource,
    });
  }
  return mappings;
}

type Exposure = NonNullable<PortMapping['exposure']>;

/** How a Service of this type exposes the ports it forwards; anything unknown as ClusterIP. */
function exposure(service: K8sService): Exposure {
  if (service.type === 'NodePort') return 'node-port';
  if (service.type === 'LoadBalancer') return 'load-balancer';
  return 'cluster';
}

/** Whether a Service selects a pod: same namespace, and every selector label on the pod. */
export function selects(
  service: K8sService,
  namespace: string | null,
  labels: Record<string, string>,
): boolean {
  if (service.type === 'ExternalName') return false;
  // Called for every Service and workload pair: no allocation, the cheap checks first.
  let empty = true;
  for (const key in service.selector) {
    if (labels[key] !== service.selector[key]) return false;
    empty = false;
  }
  return !empty && sameNamespace(service.object.namespace, namespace);
}

function protocol(node: YNode | undefined, reader: NodeReader): PortMapping['protocol'] {
  const text = reader.string(node, 'protocol')?.toLowerCase() ?? 'tcp';
  if (text === 'tcp' || text === 'udp' || text === 'sctp') return text;
  if (node) reader.report('error', `found protocol "${text}", expected TCP, UDP or SCTP`, node.pos);
  return 'tcp';
}
