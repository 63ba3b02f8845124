import type { SourcePosition } from '../../../shared/diagnostics';
import { parseImageRef } from '../../../shared/image-ref';
import type { Field, ServiceModel } from '../../../shared/model';
import type { NodeReader } from '../../config/node-reader';
import type { YMap, YNode } from '../../config/yaml-tree';
import type { ConfigStore } from './config-data';
import { resolveEnvironment } from './environment';
import { expandReferences } from './field-refs';
import type { K8sObject } from './objects';
import { readPodTemplate, readResources, type TemplateContainer } from './pod-template';
import { readMounts } from './pod-volumes';
import { readProbe } from './probe';
import { readContainerSecurity } from './security-context';
import {
  joinServicePorts,
  readContainerPorts,
  type ContainerPort,
  type K8sService,
} from './service-ports';
import { child, items, peek, stringItems } from './tree';
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
 * listed in the summary). Null without containers.
 */
export function readWorkload(
  object: K8sObject,
  name: string,
  store: ConfigStore,
  services: readonly K8sService[],
  reader: NodeReader,
): WorkloadRead | null {
  const template = readPodTemplate(object, reader);
  const { main, spec } = template;
  if (!main) return null;
  const what = `${object.kind} "${object.name}" container "${main.name}"`;
  const ported = template.containers.map((c) => ({
    ...c,
    ports: readContainerPorts(c.node, reader),
  }));
  const mainPorts = ported.find((c) => c.name === main.name) ?? { name: main.name, ports: [] };
  const env = resolveEnvironment(main.node, template.facts, main.name, store, reader, what);
  const secret = new Set(env.secretKeys);
  // The kubelet expands $(VAR) in command and args too; a secret is left unexpanded so that
  // its value never shows in a command line.
  const expand = (args: string[]): string[] =>
    args.map((arg) =>
      expandReferences(arg, (key) => (secret.has(key) ? undefined : env.environment[key]?.value)),
    );
  const list = (key: string): Field<string[]> | null => {
    const node = child(main.node, key);
    const value = stringItems(node, `${what}.${key}`, reader);
    return node && value ? { value: expand(value), source: node.pos } : null;
  };
  const probe = readProbe(main.node, mainPorts.ports, reader, what);
  const claimTemplates = readClaimTemplates(object, reader);
  const templates = new Set(claimTemplates.map((c) => c.name));
  const mounts = readMounts(main.node, spec, templates, reader, what);
  const hostNetwork = reader.boolean(child(spec, 'hostNetwork'), 'hostNetwork') === true;
  const metadataName = peek(object.node, 'metadata', 'name');

  const service: ServiceModel = {
    name,
    source: metadataName?.pos ?? object.source,
    image: image(main, reader, what),
    build: null,
    // Kubernetes `command` replaces the image's ENTRYPOINT, `args` its CMD.
    command: list('args'),
    entrypoint: list('command'),
    environment: env.environment,
    ports: joinServicePorts(
      name,
      template.facts.namespace,
      template.labels,
      ported,
      mainPorts,
      services,
      reader,
    ),
    volumes: mounts.mounts,
    healthcheck: probe?.healthcheck ?? null,
    dependsOn: {},
    limits: readResources(main.node, 'limits', reader),
    reservations: readResources(main.node, 'requests', reader),
    replicas: replicas(object, reader),
    restart: restart(object, spec, reader),
    ...readContainerSecurity(main.node, spec, reader, what),
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
    sidecars: sidecarsOf(ported),
  };
  const claims = [
    ...claimTemplates.map((c) => ({ ...c, template: true })),
    ...mounts.claims.map((c) => ({ ...c, template: false })),
  ];
  return {
    service,
    secretKeys: env.secretKeys,
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
      env: env.origins,
      ...(probe ? { probe: probe.probe } : {}),
    },
    claims,
  };
}

// Every container of the pod but the main one, with where its entry starts.
function sidecarsOf(
  containers: readonly (TemplateContainer & { ports: ContainerPort[] })[],
): ServiceModel['sidecars'] {
  const sidecars: ServiceModel['sidecars'] = {};
  for (const c of containers) {
    if (c.role === 'main') continue;
    const image = child(c.node, 'image');
    sidecars[c.name] = {
      value: {
        role: c.role,
        image: image?.kind === 'scalar' && typeof image.value === 'string' ? image.value : null,
        ports: c.ports.map((p) => `${p.containerPort}/${p.protocol}`),
      },
      source: c.node.pos,
    };
  }
  return sidecars;
}

function image(main: TemplateContainer, reader: NodeReader, what: string): ServiceModel['image'] {
  const node = child(main.node, 'image');
  const raw = reader.string(node, `${what}.image`);
  if (!node || raw === null) {
    reader.report('error', `found ${what} without an image`, main.node.pos);
    return null;
  }
  return { value: parseImageRef(raw), source: node.pos };
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
