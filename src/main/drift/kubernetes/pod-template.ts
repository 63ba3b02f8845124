import type { Field, Resources } from '../../../shared/model';
import { isNull, type NodeReader } from '../../config/node-reader';
import type { YMap, YNode } from '../../config/yaml-tree';
import type { PodFacts } from './field-refs';
import type { K8sObject } from './objects';
import { EXPECTED_QUANTITY, parseCpuQuantity, parseMemoryQuantity } from './quantity';
import { child, items, peek, stringMap } from './tree';
import type { K8sContainerSummary } from './types';

/** The kinds whose pods become services, and where each keeps its pod template. */
export const WORKLOAD_TEMPLATES: ReadonlyMap<string, readonly string[]> = new Map([
  ['Deployment', ['spec', 'template']],
  ['StatefulSet', ['spec', 'template']],
  ['DaemonSet', ['spec', 'template']],
  ['ReplicaSet', ['spec', 'template']],
  ['Job', ['spec', 'template']],
  ['CronJob', ['spec', 'jobTemplate', 'spec', 'template']],
  // A bare Pod is its own template.
  ['Pod', []],
]);

/** A container of the pod template, with its tree. */
export interface TemplateContainer {
  name: string;
  node: YMap;
  role: K8sContainerSummary['role'];
}

/** A workload's pod template: metadata, spec, containers (the main one first among them). */
export interface PodTemplate {
  labels: Record<string, string>;
  labelNodes: Map<string, YNode>;
  spec: YMap | null;
  containers: TemplateContainer[];
  main: TemplateContainer | null;
  facts: PodFacts;
}

// `kubectl logs` and `kubectl exec` pick this container; so does Parity.
const DEFAULT_CONTAINER = 'kubectl.kubernetes.io/default-container';

/** Finds and reads a workload's pod template; problems go to the reader. */
export function readPodTemplate(object: K8sObject, reader: NodeReader): PodTemplate {
  const path = WORKLOAD_TEMPLATES.get(object.kind) ?? [];
  const where = (key: string): string =>
    `${object.kind} "${object.name}" ${[...path, key].join('.')}`;
  let node: YMap | null = object.node;
  for (const [i, key] of path.entries()) {
    const at = `${object.kind} "${object.name}" ${path.slice(0, i + 1).join('.')}`;
    node = reader.map(child(node, key), at);
  }
  const metadata = reader.map(child(node, 'metadata'), where('metadata'));
  const spec = reader.map(child(node, 'spec'), where('spec'));
  const labelsNode = child(metadata, 'labels');
  const labels = stringMap(labelsNode, where('metadata.labels'), reader);
  const annotations = stringMap(
    child(metadata, 'annotations'),
    where('metadata.annotations'),
    reader,
  );
  const regular = containerList(spec, 'containers', where, reader);
  const containers = [...regular, ...containerList(spec, 'initContainers', where, reader)];
  const main = regular.find((c) => c.name === annotations[DEFAULT_CONTAINER]) ?? regular[0] ?? null;
  if (main) main.role = 'main';
  else if (!malformed(child(spec, 'containers'))) {
    const at = (spec ?? node ?? object.node).pos;
    reader.report('error', `found ${object.kind} "${object.name}" without containers`, at);
  }
  const all = new Map(containers.map((c) => [c.name, c.node]));
  return {
    labels,
    labelNodes: new Map(
      [...(labelsNode?.kind === 'map' ? labelsNode.entries : [])].map(([k, e]) => [k, e.value]),
    ),
    spec,
    containers,
    main,
    facts: {
      name: object.kind === 'Pod' ? object.name : null,
      namespace: reader.string(child(metadata, 'namespace'), 'namespace') ?? object.namespace,
      labels,
      annotations,
      serviceAccountName:
        reader.string(child(spec, 'serviceAccountName'), 'serviceAccountName') ??
        reader.string(child(spec, 'serviceAccount'), 'serviceAccount') ??
        'default',
      // Read without reporting: readResources reports what is wrong with the same nodes.
      resource: (container, kind, name) => {
        const value = peek(all.get(container), 'resources', kind, name);
        return value?.kind === 'scalar' &&
          (typeof value.value === 'string' || typeof value.value === 'number')
          ? value.value
          : null;
      },
    },
  };
}

// Written, but not as a list: items() has reported it.
function malformed(node: YNode | undefined): boolean {
  return node !== undefined && !isNull(node) && node.kind !== 'seq';
}

function containerList(
  spec: YMap | null,
  key: 'containers' | 'initContainers',
  where: (key: string) => string,
  reader: NodeReader,
): TemplateContainer[] {
  return items(child(spec, key), where(`spec.${key}`), reader).flatMap((item) => {
    const map = reader.map(item, `${key}[]`);
    const name = reader.string(child(map, 'name'), `${key}[].name`);
    if (!map || name === null) {
      reader.report('error', `found an entry of ${key} without a name`, item.pos);
      return [];
    }
    // Native sidecars (Kubernetes 1.29) are init containers that keep running.
    const always = reader.string(child(map, 'restartPolicy'), 'restartPolicy') === 'Always';
    const role = key === 'containers' || always ? 'sidecar' : 'init';
    return [{ name, node: map, role }];
  });
}

/** `resources.limits` or `.requests` of a container as Compose limits/reservations. */
export function readResources(container: YMap, kind: 'limits' | 'requests', reader: NodeReader) {
  const map = reader.map(child(reader.map(child(container, 'resources'), 'resources'), kind), kind);
  const quantity = (key: string, parse: (v: string | number) => number | null) => {
    const node = child(map, key);
    if (!node || isNull(node)) return null;
    const raw = node.kind === 'scalar' ? node.value : null;
    const value = typeof raw === 'string' || typeof raw === 'number' ? parse(raw) : null;
    if (value === null) {
      const found = node.kind === 'scalar' ? `"${String(raw)}"` : 'a structure';
      reader.report(
        'error',
        `found ${found} for ${kind}.${key}, expected ${EXPECTED_QUANTITY}`,
        node.pos,
      );
      return null;
    }
    return { value, source: node.pos } satisfies Field<number>;
  };
  return {
    cpus: quantity('cpu', parseCpuQuantity),
    memoryBytes: quantity('memory', parseMemoryQuantity),
  } satisfies Resources;
}
