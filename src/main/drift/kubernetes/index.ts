/** Kubernetes manifests -> EnvironmentModel: the production side of the drift report. */
export {
  readKubernetes,
  readKubernetesObjects,
  workloadsOf,
  type ReadKubernetesOptions,
} from './read-kubernetes';
export { renderHelm } from './render-helm';
export { parseQuantity, parseCpuQuantity, parseMemoryQuantity } from './quantity';
export { expandReferences } from './field-refs';
export { KUBERNETES_PROBE_DEFAULTS } from './probe';
export type {
  EnvOrigin,
  K8sContainerSummary,
  K8sObjectSummary,
  K8sServicePortSummary,
  KubernetesRead,
  SourceRange,
} from './types';
