import type { Diagnostic, SourcePosition } from '../../../shared/diagnostics';
import type { Field, ServiceModel } from '../../../shared/model';
import type { NodeReader } from '../../config/node-reader';
import type { YMap, YNode } from '../../config/yaml-tree';
import type { ConfigStore } from './config-data';
import { readContainer } from './container';
import type { K8sObject } from './objects';
import { readPodTemplate, type TemplateContainer } from './pod-template';
import type { ServiceIndex } from './service-index';
import { joinServicePorts, readContainerPorts, type PortedContainer } from './service-ports';
import { child, items, peek } from './tree';
import type { K8sObjectSummary } from './types';

/** A workload read into a service, with what the model cannot hold. */
export interface WorkloadRead {
  service: ServiceModel;
  secretKeys: string[];
  summary: Pick<K8sObjectSummary, 'containers' | 'env' | 'probe'>;
  /** Claims its pods mount (claim templates included), for the model's volumes. */
  claims: { name: string; source: SourcePosition; template: boolean }[];
}

// Controllers that keep their pods running accept only restartPolicy Always.
const ALWAYS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
const RESTART: Record<string, string> = { Always: 'always', OnFailure: 'on-failure', Never: 'no' };

/**
 * One workload as a service named `name`: its main container (the template's
 * `kubectl.kubernetes.io/default-container`, else the first of `containers`) gives image,
 * command, env, ports, probe, resources, mounts and securityContext; the pod gives labels, user,
 * restart and replicas. Sidecars and init containers become the service's `sidecars` (and are
 * listed in the summary), each read by the same readers as a service of its own. Null without
 * containers.
 */
export function readWorkload(
  object: K8sObject,
  name: string,
  store: ConfigStore,
  services: ServiceIndex,
  reader: NodeReader,
): WorkloadRead | null {
  const template = readPodTemplate(object, reader);
  const { main, spec } = template;
  if (!main) return null;
  const mark = reader.diagnostics.length;
  const ported = template.containers.map((c) => ({
    ...c,
    ports: readContainerPorts(c.node, reader),
  }));
  const mainPorts = ported.find((c) => c.name === main.name) ?? { ...main, ports: [] };
  const claimTemplates = readClaimTemplates(object, reader);
  const templates = new Set(claimTemplates.map((c) => c.name));
  const what = (c: TemplateContainer): string =>
    `${object.kind} "${object.name}" container "${c.name}"`;
  const read = readContainer(mainPorts, template, store, templates, reader, what(main));
  const hostNetwork = reader.boolean(child(spec, 'hostNetwork'), 'hostNetwork') === true;
  const metadataName = peek(object.node, 'metadata', 'name');
  const selecting = services.selecting(template.facts.namespace, template.labels);
  const join = (of: PortedContainer) =>
    joinServicePorts(
      name,
      template.facts.namespace,
      template.labels,
      ported,
      mainPorts,
      selecting,
      reader,
      of,
    );

  const service: ServiceModel = {
    name,
    source: metadataName?.pos ?? object.source,
    ...read.fields,
    build: null,
    ports: join(mainPorts),
    dependsOn: {},
    replicas: replicas(object, reader),
    restart: restart(object, spec, reader),
    labels: Object.fromEntries(
      [...template.labelNodes].map(([key, node]) => [
        key,
        { value: template.labels[key] ?? '', source: node.pos },
      ]),
    ),
    profiles: [],
    networks: hostNetwork ? [] : ['default'],
    networkMode: hostNetwork
      ? { value: 'host', source: child(spec, 'hostNetwork')?.pos ?? object.source }
      : null,
    init: null,
    // A pod names its containers and its host itself; a container's workingDir is not read yet.
    containerName: null,
    extraHosts: null,
    hostname: null,
    workingDir: null,
    stopSignal: null,
    stopGracePeriodMs: seconds(child(spec, 'terminationGracePeriodSeconds'), reader),
    sidecars: {},
  };
  const claims = [
    ...claimTemplates.map((c) => ({ ...c, template: true })),
    ...read.mounts.claims.map((c) => ({ ...c, template: false })),
  ];
  // The other containers, each read as the main one is, with the pod's settings.
  for (const c of ported) {
    if (c.role === 'main') continue;
    const other = readContainer(c, template, store, templates, reader, what(c));
    claims.push(...other.mounts.claims.map((claim) => ({ ...claim, template: false })));
    service.sidecars[c.name] = {
      value: {
        role: c.role,
        image: other.fields.image?.value.raw ?? null,
        ports: c.ports.map((p) => `${p.containerPort}/${p.protocol}`),
        container: {
          ...service,
          ...other.fields,
          name: c.name,
          source: c.node.pos,
          ports: join(c),
          sidecars: {},
          // An init container runs once, to completion, before the pod's others start.
          ...(c.role === 'init' ? { replicas: null } : {}),
        },
        secretKeys: other.env.secretKeys,
      },
      source: c.node.pos,
    };
  }
  dropRepeats(reader.diagnostics, mark);
  return {
    service,
    secretKeys: read.env.secretKeys,
    summary: {
      containers: ported.map((c) => ({
        name: c.name,
        image: reader.string(child(c.node, 'image'), 'image'),
        role: c.role,
        ports: c.ports.map(({ name: port, containerPort, protocol }) => ({
          name: port,
          containerPort,
          protocol,
        })),
        source: c.node.pos,
      })),
      env: read.env.origins,
      ...(read.probe ? { probe: read.probe.probe } : {}),
    },
    claims,
  };
}

// Each container reads its pod's volumes and securityContext: a problem there is reported once.
function dropRepeats(diagnostics: Diagnostic[], from: number): void {
  const seen = new Set<string>();
  const kept = diagnostics.slice(from).filter((d) => {
    const at = d.position ? `${d.position.file}:${d.position.line}:${d.position.column}` : '';
    const key = `${d.severity} ${at} ${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  diagnostics.splice(from, diagnostics.length - from, ...kept);
}

// Absent replicas stay null, as in the Compose reader: both platforms then mean one.
function replicas(object: K8sObject, reader: NodeReader): Field<number> | null {
  if (!['Deployment', 'StatefulSet', 'ReplicaSet'].includes(object.kind)) return null;
  const node = peek(object.node, 'spec', 'replicas');
  const value = reader.integer(node, `${object.kind}.spec.replicas`);
  return node && value !== null ? { value, source: node.pos } : null;
}

function restart(object: K8sObject, spec: YMap | null, reader: NodeReader): Field<string> | null {
  const node = child(spec, 'restartPolicy');
  const policy = reader.string(node, 'restartPolicy');
  const kind = child(object.node, 'kind');
  if (ALWAYS.has(object.kind))
    return { value: 'always', source: node?.pos ?? kind?.pos ?? object.source };
  // Pods default to Always; Jobs must say OnFailure or Never.
  const value = RESTART[policy ?? (object.kind === 'Pod' ? 'Always' : '')];
  if (value) return { value, source: node?.pos ?? kind?.pos ?? object.source };
  if (node)
    reader.report(
      'error',
      `found restartPolicy "${policy}", expected Always, OnFailure or Never`,
      node.pos,
    );
  return null;
}

function seconds(node: YNode | undefined, reader: NodeReader): Field<number> | null {
  const value = reader.integer(node, 'terminationGracePeriodSeconds');
  return node && value !== null ? { value: value * 1000, source: node.pos } : null;
}

function readClaimTemplates(object: K8sObject, reader: NodeReader) {
  if (object.kind !== 'StatefulSet') return [];
  return items(
    peek(object.node, 'spec', 'volumeClaimTemplates'),
    'volumeClaimTemplates',
    reader,
  ).flatMap((item) => {
    const metadata = reader.map(child(reader.map(item, 'claim'), 'metadata'), 'metadata');
    const node = child(metadata, 'name');
    const name = reader.string(node, 'volumeClaimTemplates[].metadata.name');
    return node && name !== null ? [{ name, source: node.pos }] : [];
  });
}
