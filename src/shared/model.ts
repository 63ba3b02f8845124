import type { SourcePosition } from './diagnostics';

/** A value and where it was written; every field of the model carries one. */
export interface Field<T> {
  value: T;
  source: SourcePosition;
}

/** An image reference split the way registries read it. */
export interface ImageRef {
  /** As written, after interpolation. */
  raw: string;
  /** `docker.io` when the reference names none. */
  registry: string;
  /** With the implicit `library/` for official images on Docker Hub. */
  repository: string;
  /** `latest` when neither tag nor digest is given. */
  tag: string | null;
  digest: string | null;
}

/** How to build a service's image. */
export interface BuildSpec {
  /** Absolute for a local folder (what the engine builds from); a remote context as written. */
  context: string;
  /**
   * The context as findings and reports show it: relative to the folder it was resolved from
   * (`./api`, `../shared`), a remote one as written; never this machine's absolute path.
   */
  display: string;
  dockerfile: string | null;
  target: string | null;
  args: Record<string, string | null>;
}

/** A published or exposed port, in Compose's long form. */
export interface PortMapping {
  target: number;
  published: string | null;
  hostIp: string | null;
  protocol: 'tcp' | 'udp' | 'sctp';
  mode: 'ingress' | 'host';
  name?: string;
  appProtocol?: string;
  /**
   * How the port is reached from outside its container. Compose leaves it unset (a mapping there
   * is published on the host, or bound on it with mode host); the Kubernetes reader sets it:
   * through a Service of type ClusterIP (`cluster`), NodePort or LoadBalancer, on the node with a
   * hostPort (`host`), or not at all, a containerPort nothing forwards to (`none`).
   */
  exposure?: 'published' | 'host' | 'cluster' | 'node-port' | 'load-balancer' | 'none';
  /**
   * Kubernetes: the Service that forwards `published` to this port, by the name clients use
   * for it in DNS (`name`, `name.namespace`, `name.namespace.svc.cluster.local`).
   */
  service?: { name: string; namespace: string | null };
  /** A NodePort Service's `nodePort`; absent when the cluster picks one at random. */
  nodePort?: number;
  /** Kubernetes: the Ingress rules that route the outside world to this Service port. */
  ingress?: IngressRoute[];
}

/** An Ingress rule's host and path (null: any), routed to a Service port. */
export interface IngressRoute {
  /** The Ingress's metadata.name. */
  name: string;
  host: string | null;
  path: string | null;
}

/** A mount, in Compose's long form. */
export interface VolumeMount {
  type: 'volume' | 'bind' | 'tmpfs' | 'npipe' | 'cluster' | 'image';
  source: string | null;
  target: string;
  readOnly: boolean;
  bind?: { propagation?: string; createHostPath?: boolean; selinux?: 'z' | 'Z' };
  volume?: { nocopy?: boolean; subpath?: string };
  /**
   * `options` is the option string of an entry of the service's short `tmpfs:` list, as written
   * after the path (`rw,noexec,size=64m`; '' for none): such a mount is created as Compose
   * creates it, through HostConfig.Tmpfs with these options, not as a Mounts entry.
   */
  tmpfs?: { size?: number; mode?: number; options?: string };
}

/** A soft and a hard limit of one resource (`ulimits: { nofile: { soft, hard } }`). */
export interface Ulimit {
  soft: number;
  hard: number;
}

/** Where a container's logs go (`logging:`): the driver (null: the engine's) and its options. */
export interface LoggingConfig {
  driver: string | null;
  options: Record<string, string>;
}

/** A host device given to the container (`devices: ["/dev/x:/dev/y:rwm"]`). */
export interface DeviceMapping {
  pathOnHost: string;
  pathInContainer: string;
  /** cgroup permissions, `rwm` when not written. */
  permissions: string;
}

/**
 * Settings of the container Compose creates that drift does not compare: each passed to the
 * engine only when written (null: the engine's default).
 */
/** The value of a single-field engine setting, as its kind reads it. */
export type EngineFieldValue = string | number | boolean | string[] | Record<string, string>;

export interface ContainerSettings {
  /** `expose`: container ports, `8080/tcp`, exposed but not published. */
  expose: Field<string[]> | null;
  logging: Field<LoggingConfig> | null;
  /** `ulimits` by name (`nofile`); a single number is both limits. */
  ulimits: Field<Record<string, Ulimit>> | null;
  dns: Field<string[]> | null;
  dnsSearch: Field<string[]> | null;
  dnsOpt: Field<string[]> | null;
  securityOpt: Field<string[]> | null;
  /** `shm_size` in bytes. */
  shmSizeBytes: Field<number> | null;
  sysctls: Field<Record<string, string>> | null;
  stdinOpen: Field<boolean> | null;
  tty: Field<boolean> | null;
  /** `platform` (`linux/amd64`): the image variant the container runs. */
  platform: Field<string> | null;
  /** `runtime` (`runc`, `runsc`): the OCI runtime the engine runs it with. */
  runtime: Field<string> | null;
  devices: Field<DeviceMapping[]> | null;
  /**
   * `pull_policy`: `always`, `never`, `missing` (also written `if_not_present`), `build`, or a
   * period (`daily`, `weekly`, `every_12h`); null: `missing`.
   */
  pullPolicy: Field<string> | null;
  /**
   * Variables declared without a value and set nowhere (`environment: [FOO]` with FOO unset):
   * Compose keeps them as null and passes `FOO` alone, which takes FOO out of the container's
   * environment (the image's and an env_file's value included). Not in `environment`, which
   * holds the variables the container has.
   */
  unsetEnvironment: Field<string>[];
  /**
   * Keys that are one field of the engine's create request each (`cpu_shares`, `pids_limit`,
   * `group_add`, `domainname`, ...: ENGINE_FIELDS in src/main/config/engine-fields.ts), by
   * Compose key; absent when the service writes none.
   */
  engineFields?: Record<string, Field<EngineFieldValue>>;
  /**
   * The keys the service writes that change the container Compose creates but Parity does not
   * apply yet, at their key: the project's load warns about each once, naming its services.
   */
  notApplied: Record<string, SourcePosition>;
}

/** The three probes of a Kubernetes container. */
export type ProbeKind = 'readinessProbe' | 'livenessProbe' | 'startupProbe';

/** A container health check; durations in milliseconds. */
export interface Healthcheck {
  test: string[] | null;
  disable: boolean;
  intervalMs: number | null;
  timeoutMs: number | null;
  retries: number | null;
  startPeriodMs: number | null;
  startIntervalMs: number | null;
  /**
   * Kubernetes only: which probe of the container this check is. Absent for a Compose or Docker
   * check, whose unset timings take Docker's defaults rather than Kubernetes'.
   */
  probe?: ProbeKind;
  /** Kubernetes only: the container's other probes, each read as a check of its own. */
  otherProbes?: Healthcheck[];
  /** Where each setting is written, when it is (drift shows the line of the one that differs). */
  positions?: Partial<
    Record<
      'test' | 'intervalMs' | 'timeoutMs' | 'retries' | 'startPeriodMs' | 'startIntervalMs',
      SourcePosition
    >
  >;
}

/** What a service waits for before it starts. */
export interface Dependency {
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  required: boolean;
  restart: boolean;
}

/** CPU (in cores) and memory (in bytes) limits or reservations. */
export interface Resources {
  cpus: Field<number> | null;
  memoryBytes: Field<number> | null;
}

/**
 * A container that runs in the service's pod beside its main one (`sidecar`, native sidecars
 * included) or before it (`init`). Kubernetes has them; Compose has no such thing.
 */
export interface Sidecar {
  role: 'sidecar' | 'init';
  /** The image as written; null when none is named. */
  image: string | null;
  /** Its container ports, `9090/tcp`. */
  ports: string[];
  /**
   * The container read as a service of its own, with its pod's settings (Kubernetes): what a
   * dev service production runs as this container is compared with, field by field.
   */
  container?: ServiceModel;
  /** The env keys of `container` whose values come from a Secret (shown only as same/differs). */
  secretKeys?: string[];
}

/** How a service joins one network (Compose `networks.<key>` settings). */
export interface NetworkAttachment {
  /** Extra names it is reached by on that network, beside the service and container names. */
  aliases?: string[];
  ipv4Address?: string;
  ipv6Address?: string;
  /** Networks are attached highest priority first; the first is the primary one. */
  priority?: number;
}

/** A secret or config file Compose puts into a service's containers, read-only. */
export interface FileMount {
  kind: 'secret' | 'config';
  /** Its key in the top-level `secrets:` or `configs:`. */
  name: string;
  /** Where it is in the container (`/run/secrets/NAME`, `/NAME` for a config, by default). */
  target: string;
  /** The file on this machine, once found among the top-level definitions. */
  file: string | null;
  /**
   * What is written into the container instead, when the definition names no file: a secret's
   * `environment` variable's value (kept in the main process only, as environment values are)
   * or a config's inline `content`.
   */
  content?: { value: string; from: { environment: string } | { content: true } };
}

/** One service of an environment, whichever file or platform described it. */
export interface ServiceModel {
  name: string;
  source: SourcePosition;
  image: Field<ImageRef> | null;
  build: Field<BuildSpec> | null;
  command: Field<string[]> | null;
  entrypoint: Field<string[]> | null;
  /** Entries declared without a value and set nowhere are left out, as Compose does. */
  environment: Record<string, Field<string>>;
  ports: Field<PortMapping>[];
  volumes: Field<VolumeMount>[];
  healthcheck: Field<Healthcheck> | null;
  dependsOn: Record<string, Field<Dependency>>;
  limits: Resources;
  reservations: Resources;
  replicas: Field<number> | null;
  restart: Field<string> | null;
  user: Field<string> | null;
  /**
   * Linux capabilities added to / dropped from the engine's default set: Compose `cap_add` /
   * `cap_drop`, Kubernetes `securityContext.capabilities.add` / `.drop`. Normalized by
   * normalizeCapabilities (upper case, no `CAP_` prefix, sorted, unique); null when not written.
   */
  capAdd: Field<string[]> | null;
  capDrop: Field<string[]> | null;
  /** Secrets and configs mounted from files (Compose only); absent when it uses none. */
  fileMounts?: Field<FileMount>[];
  /** A read-only root filesystem: `read_only` / `readOnlyRootFilesystem`; null when not written. */
  readOnly: Field<boolean> | null;
  /** Every device and capability of the host: `privileged` in both; null when not written. */
  privileged: Field<boolean> | null;
  labels: Record<string, Field<string>>;
  profiles: string[];
  /** The networks it joins; empty with a network_mode, `default` when neither is written. */
  networks: string[];
  /** Settings per network key, when any are written (Compose only). */
  networkOptions?: Record<string, NetworkAttachment>;
  networkMode: Field<string> | null;
  /** Run an init process as PID 1 (signals forwarded, zombies reaped). */
  init: Field<boolean> | null;
  /** Extra `/etc/hosts` entries, as `host:ip` (Compose `extra_hosts`); null when not written. */
  extraHosts: Field<string[]> | null;
  /** The name of its one container (Compose `container_name`; `<project>-<service>-<n>` when null). */
  containerName: Field<string> | null;
  /** The container's host name (Compose `hostname`; the engine's default, its id, when null). */
  hostname: Field<string> | null;
  /** Where its command runs (Compose `working_dir`; the image's WORKDIR when null). */
  workingDir: Field<string> | null;
  /** The signal that asks it to stop (SIGTERM when null). */
  stopSignal: Field<string> | null;
  /** How long it gets to stop before it is killed (10 s when null). */
  stopGracePeriodMs: Field<number> | null;
  /** The other containers of its pod by name (Kubernetes); empty for Compose. */
  sidecars: Record<string, Field<Sidecar>>;
  /** Compose's other container settings; absent when read from Kubernetes or a snapshot. */
  container?: ContainerSettings;
}

/**
 * How Compose creates a network or a volume: `driver`, `driver_opts`, `labels`, and for a
 * network `ipam`, `internal`, `attachable`, `enable_ipv6`. Only what is written is set.
 */
export interface ResourceCreate {
  driver?: string;
  driverOpts?: Record<string, string>;
  labels?: Record<string, string>;
  internal?: boolean;
  attachable?: boolean;
  enableIpv6?: boolean;
  ipam?: {
    driver?: string;
    config: {
      subnet?: string;
      ipRange?: string;
      gateway?: string;
      auxAddresses?: Record<string, string>;
    }[];
  };
}

/** A project's network or volume: its name on the engine, and how it is created. */
export interface NamedResource {
  name: string;
  external: boolean;
  /** Absent when the definition writes none of the create settings. */
  create?: ResourceCreate;
}

/** An environment: the services of one side (dev compose, production manifests, a snapshot). */
export interface EnvironmentModel {
  name: string;
  services: Record<string, ServiceModel>;
  volumes: Record<string, Field<NamedResource>>;
  networks: Record<string, Field<NamedResource>>;
}
