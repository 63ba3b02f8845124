import { basename, resolve } from 'node:path';
import type { Diagnostic } from '../../../shared/diagnostics';
import type { EnvironmentModel } from '../../../shared/model';
import { NodeReader } from '../../config/node-reader';
import type { ProdWorkload } from '../match-services';
import { ConfigStore } from './config-data';
import { listManifestFiles } from './manifest-files';
import { readObjects, type K8sObject } from './objects';
import { joinIngresses } from './ingress';
import { isKustomization, renderKustomization } from './render-kustomize';
import { WORKLOAD_TEMPLATES } from './pod-template';
import { ServiceIndex } from './service-index';
import { readService, type K8sService } from './service-ports';
import type { K8sObjectSummary, KubernetesRead } from './types';
import { readWorkload, type WorkloadRead } from './workload';

/** Options for readKubernetes. */
export interface ReadKubernetesOptions {
  /** The model's name; the base folder's name when not given. */
  name?: string;
  /** The environment renderers are looked up in (PATH); the process's when not given. */
  env?: NodeJS.ProcessEnv;
}

const USES: Record<string, K8sObjectSummary['use']> = {
  Service: 'service',
  ConfigMap: 'configmap',
  Secret: 'secret',
  PersistentVolumeClaim: 'claim',
  Ingress: 'ingress',
};

/**
 * Reads Kubernetes manifests (files, and folders at any depth: *.yaml, *.yml, *.json; multi-
 * document streams, List kinds, `helm template` output) into the EnvironmentModel the Compose
 * side produces: one service per workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
 * CronJob, Pod) named after metadata.name, joined with the Services, Ingresses, ConfigMaps and
 * Secrets of the same inputs. Positions are relative to `baseDir`. Never throws: problems are diagnostics.
 */
export function readKubernetes(
  paths: string[],
  baseDir: string,
  options: ReadKubernetesOptions = {},
): KubernetesRead {
  const diagnostics: Diagnostic[] = [];
  const reader = new NodeReader(diagnostics);
  // A Kustomize root is rendered, never read as loose files; other paths are read as written.
  const objects = paths.flatMap((path) => {
    if (isKustomization(resolve(baseDir, path)))
      return renderKustomization(resolve(baseDir, path), baseDir, reader, options.env);
    const listed = listManifestFiles([path], baseDir);
    diagnostics.push(...listed.diagnostics);
    return readObjects(listed.files, reader);
  });
  return readKubernetesObjects(objects, reader, baseDir, options);
}

/** readKubernetes on objects already read (rendered by Helm or Kustomize, or from files). */
export function readKubernetesObjects(
  objects: K8sObject[],
  reader: NodeReader,
  baseDir: string,
  options: ReadKubernetesOptions = {},
): KubernetesRead {
  const diagnostics = reader.diagnostics;
  const store = new ConfigStore();
  const services = new Map<K8sObject, K8sService>();
  for (const object of objects) {
    store.add(object, reader);
    if (object.kind === 'Service') services.set(object, readService(object, reader));
  }
  // Before the workloads: their ports carry the Ingress routes of the Service ports they join.
  const serviceList = [...services.values()];
  joinIngresses(objects, serviceList, reader);
  const index = new ServiceIndex(serviceList);
  const model: EnvironmentModel = {
    name: options.name ?? basename(baseDir),
    services: {},
    volumes: {},
    networks: {},
  };
  const secretKeys: Record<string, string[]> = {};
  const workloads = new Map<K8sObject, { name: string; read: WorkloadRead }>();
  const taken = new Map<string, string>();
  const claims = claimsByName(objects);
  for (const object of objects) {
    if (!WORKLOAD_TEMPLATES.has(object.kind)) continue;
    if (object.name === null) {
      reader.report('error', `found a ${object.kind} without metadata.name`, object.source);
      continue;
    }
    const name = serviceName(object, taken, model, reader);
    const read = readWorkload(object, name, store, index, reader);
    if (!read) continue;
    workloads.set(object, { name, read });
    model.services[name] = read.service;
    if (read.secretKeys.length > 0) secretKeys[name] = read.secretKeys;
    else delete secretKeys[name];
    addClaims(model, read, claims);
  }
  if (Object.values(model.services).some((s) => s.networks.includes('default'))) {
    const first = Object.values(model.services)[0];
    if (first)
      model.networks.default = {
        value: { name: 'default', external: false },
        source: first.source,
      };
  }
  // Summaries come last: joining workloads fills in which containers each Service port reaches.
  const summaries = objects.map((object) =>
    summarize(object, workloads.get(object), services.get(object)),
  );
  return { model, diagnostics, objects: summaries, secretKeys };
}

// metadata.name, unless another workload already has it (another kind or namespace): then
// `Kind/name`, the form parity.yaml's `map` uses, then `Kind/namespace/name`. The same object
// written twice is applied twice: the later one wins, as with kubectl apply.
function serviceName(
  object: K8sObject,
  taken: Map<string, string>,
  model: EnvironmentModel,
  reader: NodeReader,
): string {
  const name = object.name ?? '';
  const identity = `${object.kind}/${object.namespace ?? ''}/${name}`;
  const again = taken.get(identity);
  const chosen =
    again ?? [name, `${object.kind}/${name}`, identity].find((c) => !model.services[c]) ?? identity;
  const other = model.services[chosen] ?? model.services[name];
  if (other) {
    const at = `${other.source.file}:${other.source.line}`;
    reader.report(
      'warning',
      again
        ? `found ${object.kind} "${name}" again (also at ${at}); the later one wins`
        : `found a second workload named "${name}" (also at ${at}); it is read as service "${chosen}"`,
      object.source,
    );
  }
  taken.set(identity, chosen);
  return chosen;
}

// Claims become the model's volumes: external when no claim template or PVC in the inputs defines them.
function addClaims(
  model: EnvironmentModel,
  read: WorkloadRead,
  pvcs: ReadonlyMap<string, K8sObject>,
): void {
  for (const claim of read.claims) {
    if (model.volumes[claim.name]) continue;
    const pvc = pvcs.get(claim.name);
    model.volumes[claim.name] = {
      value: { name: claim.name, external: !claim.template && !pvc },
      source: pvc?.source ?? claim.source,
    };
  }
}

// The first PersistentVolumeClaim of each name (of any namespace), as workloads look them up.
function claimsByName(objects: readonly K8sObject[]): Map<string, K8sObject> {
  const pvcs = new Map<string, K8sObject>();
  for (const object of objects) {
    if (object.kind === 'PersistentVolumeClaim' && object.name !== null && !pvcs.has(object.name))
      pvcs.set(object.name, object);
  }
  return pvcs;
}

function summarize(
  object: K8sObject,
  workload: { name: string; read: WorkloadRead } | undefined,
  service: K8sService | undefined,
): K8sObjectSummary {
  const summary: K8sObjectSummary = {
    kind: object.kind,
    apiVersion: object.apiVersion,
    name: object.name,
    namespace: object.namespace,
    source: object.source,
    helmSource: object.helmSource,
    // A workload without `service` could not be read: the diagnostics say why.
    use: WORKLOAD_TEMPLATES.has(object.kind) ? 'workload' : (USES[object.kind] ?? 'ignored'),
  };
  if (workload) Object.assign(summary, { service: workload.name }, workload.read.summary);
  if (service) {
    summary.serviceSpec = {
      type: service.type,
      selector: service.selector,
      ports: service.ports.map((port) => ({
        name: port.name,
        port: port.port,
        targetPort: port.targetPort,
        nodePort: port.nodePort,
        protocol: port.protocol,
        reaches: port.reaches,
        source: port.source,
      })),
    };
  }
  return summary;
}

/** Each workload's kind and containers, by the service it became: drift matches on them. */
export function workloadsOf(read: KubernetesRead): Record<string, ProdWorkload> {
  const out: Record<string, ProdWorkload> = {};
  for (const object of read.objects) {
    if (object.use !== 'workload' || !object.service || !object.containers) continue;
    out[object.service] = {
      kind: object.kind,
      containers: object.containers.map(({ name, role }) => ({ name, role })),
    };
  }
  return out;
}
