import type { Diagnostic, SourcePosition } from '../../../shared/diagnostics';
import type { EnvironmentModel, Healthcheck, PortMapping, ProbeKind } from '../../../shared/model';

/** A position that spans lines, for things DRIFT.md cites as `file:first-last`. */
export interface SourceRange extends SourcePosition {
  endLine: number;
}

/** A container of a workload's pod; sidecars and init containers are kept here, not as services. */
export interface K8sContainerSummary {
  name: string;
  /** The image as written; null when the manifest names none. */
  image: string | null;
  /** `main` became the service; `init` runs before it; `sidecar` runs beside it (incl. native sidecars). */
  role: 'main' | 'sidecar' | 'init';
  ports: { name: string | null; containerPort: number; protocol: PortMapping['protocol'] }[];
  source: SourcePosition;
}

/** Where one env value of a workload came from, with every position DRIFT.md cites for it. */
export interface EnvOrigin {
  from: 'value' | 'configMap' | 'secret' | 'fieldRef' | 'resourceFieldRef';
  /** The `env` entry (`- name:` to its last line) or the `envFrom` item in the workload. */
  entry: SourceRange;
  /** The ConfigMap or Secret the value was read from. */
  object: string | null;
  /** The key in that ConfigMap or Secret, when it is among the inputs. */
  key: SourcePosition | null;
  /** False when the value is a placeholder such as `<fieldRef:status.podIP>`. */
  resolved: boolean;
}

/** A port of a Kubernetes Service, and the container it reaches. */
export interface K8sServicePortSummary {
  name: string | null;
  port: number;
  /** As written (a number or a container port name); `port` when absent. */
  targetPort: number | string;
  nodePort: number | null;
  protocol: PortMapping['protocol'];
  /** `service/container` pairs this port reaches, e.g. `rabbitmq/rabbitmq-exporter`. */
  reaches: string[];
  source: SourcePosition;
}

/** Every object of the inputs, with what the reader made of it. */
export interface K8sObjectSummary {
  kind: string;
  apiVersion: string | null;
  name: string | null;
  namespace: string | null;
  /** Where the object starts. */
  source: SourcePosition;
  /** The chart template (`chart/templates/x.yaml`) of Helm-rendered output. */
  helmSource: string | null;
  /**
   * workload: a Deployment, StatefulSet, ... (with `service` when it could be read; see the
   * diagnostics when not); service, configmap, secret, claim: joined into the workloads;
   * ingress: joined into the Service ports it routes to; ignored: a kind Parity does not read
   * (Namespace, CRDs, ...).
   */
  use: 'workload' | 'service' | 'configmap' | 'secret' | 'claim' | 'ingress' | 'ignored';
  /** Workloads: the name of the ServiceModel it became (metadata.name unless two collide). */
  service?: string;
  /** Workloads: all containers of the pod template. */
  containers?: K8sContainerSummary[];
  /** Workloads: where each env value of the main container came from. */
  env?: Record<string, EnvOrigin>;
  /** Workloads: the probe the healthcheck came from, and where each of its settings is written. */
  probe?: {
    kind: ProbeKind;
    fields: Partial<Record<keyof Healthcheck, SourcePosition>>;
  };
  /** Services: type, selector and ports. */
  serviceSpec?: {
    type: string;
    selector: Record<string, string>;
    ports: K8sServicePortSummary[];
  };
}

/** What reading Kubernetes manifests gives: the model, problems, every object, secret env keys. */
export interface KubernetesRead {
  model: EnvironmentModel;
  diagnostics: Diagnostic[];
  objects: K8sObjectSummary[];
  /** Per service, the env keys whose values come from a Secret (show only "same"/"differs"). */
  secretKeys: Record<string, string[]>;
}
