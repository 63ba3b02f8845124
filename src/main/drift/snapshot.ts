import { createHash } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import type { Diagnostic, SourcePosition } from '../../shared/diagnostics';
import { normalizeCapabilities } from '../../shared/capabilities';
import { parseImageRef } from '../../shared/image-ref';
import type { EnvironmentModel, Field, Healthcheck, ServiceModel } from '../../shared/model';
import { shownText, type ShellValue } from '../../shared/redact-report';
import { isSecretName } from '../../shared/secrets';
import {
  SNAPSHOT_VERSION,
  SnapshotSchema,
  type Snapshot,
  type SnapshotEnvValue,
  type SnapshotService,
} from '../../shared/snapshot';
import { plainDocumentProblem, textLimitProblem } from '../config/yaml-limits';

/** The hex sha256 of a value's UTF-8 bytes: how a snapshot stores a secret env value. */
export function secretHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** How a snapshot writes env values. */
export interface SnapshotValueOptions {
  /** Every value as its hash (a snapshot of running containers, by default). */
  hashAll?: boolean;
  /** The variables the files took from the shell's environment: values holding one are hashed. */
  shell?: readonly ShellValue[];
}

/**
 * An env value as a snapshot stores it: as its hash when the one secret rule would mask any of
 * it (a secret name, a URL's password, a value from the shell's environment), or always with
 * `hashAll`. A hash still lets drift say "same" or "differs".
 */
export function snapshotEnvValue(
  key: string,
  value: string,
  { hashAll = false, shell = [] }: SnapshotValueOptions = {},
): SnapshotEnvValue {
  const masked = isSecretName(key) || shownText(value, shell) !== value;
  return hashAll || masked ? { sha256: secretHash(value) } : value;
}

/** A path as a snapshot writes it: relative to the project when inside it (stable across machines). */
function portable(path: string, workingDir: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(workingDir, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : `./${rel}`;
}

/** A snapshot of a loaded model (`parity snapshot --from files`). */
export function snapshotOfModel(
  model: EnvironmentModel,
  project: string,
  workingDir: string,
  createdAt: Date = new Date(),
  shell: readonly ShellValue[] = [],
): Snapshot {
  const services: Record<string, SnapshotService> = {};
  for (const [name, s] of Object.entries(model.services)) {
    services[name] = serviceOf(s, workingDir, shell);
  }
  const named = (
    record: EnvironmentModel['volumes'],
  ): Record<string, { name: string; external: boolean }> =>
    Object.fromEntries(Object.entries(record).map(([key, field]) => [key, { ...field.value }]));
  return {
    parity: 'snapshot',
    version: SNAPSHOT_VERSION,
    createdAt: createdAt.toISOString(),
    source: 'files',
    project,
    services,
    volumes: named(model.volumes),
    networks: named(model.networks),
  };
}

function serviceOf(
  s: ServiceModel,
  workingDir: string,
  shell: readonly ShellValue[],
): SnapshotService {
  const value = <T>(field: Field<T> | null): T | null => field?.value ?? null;
  const health = s.healthcheck?.value ?? null;
  return {
    image: s.image?.value.raw ?? null,
    build: s.build
      ? {
          context: portable(s.build.value.context, workingDir),
          dockerfile: s.build.value.dockerfile,
          target: s.build.value.target,
        }
      : null,
    command: value(s.command),
    entrypoint: value(s.entrypoint),
    environment: Object.fromEntries(
      Object.entries(s.environment).map(([key, field]) => [
        key,
        snapshotEnvValue(key, field.value, { shell }),
      ]),
    ),
    ports: s.ports.map(({ value: p }) => ({ ...p })),
    volumes: s.volumes.map(({ value: v }) => ({
      type: v.type,
      source: v.type === 'bind' && v.source ? portable(v.source, workingDir) : v.source,
      target: v.target,
      readOnly: v.readOnly,
    })),
    healthcheck: health
      ? {
          test: health.test,
          disable: health.disable,
          intervalMs: health.intervalMs,
          timeoutMs: health.timeoutMs,
          retries: health.retries,
          startPeriodMs: health.startPeriodMs,
          startIntervalMs: health.startIntervalMs,
        }
      : null,
    dependsOn: Object.fromEntries(
      Object.entries(s.dependsOn).map(([key, field]) => [key, { ...field.value }]),
    ),
    limits: { cpus: value(s.limits.cpus), memoryBytes: value(s.limits.memoryBytes) },
    reservations: {
      cpus: value(s.reservations.cpus),
      memoryBytes: value(s.reservations.memoryBytes),
    },
    replicas: value(s.replicas),
    restart: value(s.restart),
    user: value(s.user),
    capAdd: value(s.capAdd),
    capDrop: value(s.capDrop),
    readOnly: value(s.readOnly),
    privileged: value(s.privileged),
    labels: Object.fromEntries(Object.entries(s.labels).map(([key, field]) => [key, field.value])),
    profiles: [...s.profiles],
    networks: [...s.networks],
    networkMode: value(s.networkMode),
    init: value(s.init),
    containerName: value(s.containerName),
    extraHosts: value(s.extraHosts),
    hostname: value(s.hostname),
    workingDir: value(s.workingDir),
    stopSignal: value(s.stopSignal),
    stopGracePeriodMs: value(s.stopGracePeriodMs),
  };
}

/** A snapshot read back as a model, with the env keys it holds as hashes, and what went wrong. */
export interface ReadSnapshot {
  model: EnvironmentModel | null;
  /** Per service, the env keys stored as a sha256: compared only as "same" / "differs". */
  secretKeys: Record<string, string[]>;
  diagnostics: Diagnostic[];
}

/** Options for reading a snapshot. */
export interface ReadSnapshotOptions {
  /** The environment's name in the model. */
  name: string;
  /**
   * The dev service each snapshot service is compared with, to judge a hashed secret: when the
   * dev value hashes the same, the model holds the dev value (so drift says "same"), else the hash.
   */
  devEnvironment?: (service: string) => Record<string, Field<string>> | undefined;
}

type Path = (string | number)[];

/**
 * Reads a snapshot's text into an EnvironmentModel whose every field points at the line and
 * column of its value in the file (`display` names the file). Invalid JSON or a value the format
 * does not allow is an error diagnostic at its position, saying what was expected.
 */
export function readSnapshot(
  text: string,
  display: string,
  options: ReadSnapshotOptions,
): ReadSnapshot {
  const fail = (diagnostics: Diagnostic[]): ReadSnapshot => ({
    model: null,
    secretKeys: {},
    diagnostics,
  });
  // A snapshot is a repository's file like any other: bounded before and after parsing.
  const tooLarge = textLimitProblem(text, display);
  if (tooLarge) return fail([tooLarge]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: display, line, column: col };
  };
  const unbounded = plainDocumentProblem(doc, at);
  if (unbounded) return fail([unbounded]);
  if (doc.errors.length > 0) {
    return fail(
      doc.errors.slice(0, 3).map((error) => ({
        severity: 'error',
        message: `found invalid JSON (${error.message.split('\n')[0] ?? '?'}), expected a Parity snapshot as \`parity snapshot\` writes it`,
        position: at(error.pos[0]),
      })),
    );
  }
  // The nearest node that exists on the path (a missing key is reported at its parent).
  const nodeAt = (path: Path): Node | null => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (node && typeof node === 'object' && 'range' in node && node.range) return node as Node;
    }
    return null;
  };
  const pos = (path: Path): SourcePosition => {
    const range = nodeAt(path)?.range;
    return range ? at(range[0]) : { file: display, line: 1, column: 1 };
  };
  const parsed = SnapshotSchema.safeParse(doc.toJSON());
  if (!parsed.success) {
    return fail(
      parsed.error.issues.map((issue) => {
        const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        const where = path.length > 0 ? `${path.join('.')}: ` : '';
        return {
          severity: 'error' as const,
          message: `${where}${issue.message} (a Parity snapshot, version ${SNAPSHOT_VERSION}: docs/snapshot.md)`,
          position:
            issue.code === 'unrecognized_keys'
              ? (keyPos(doc.getIn(path, true), issue.keys[0] ?? '', at) ?? pos(path))
              : pos(path),
        };
      }),
    );
  }
  const snapshot = parsed.data;
  const model: EnvironmentModel = {
    name: options.name,
    services: {},
    volumes: {},
    networks: {},
  };
  const secretKeys: Record<string, string[]> = {};
  const servicesNode = doc.get('services', true);
  for (const [name, s] of Object.entries(snapshot.services)) {
    const base: Path = ['services', name];
    const field = <T>(value: T, ...path: Path): Field<T> => ({
      value,
      source: pos([...base, ...path]),
    });
    const maybe = <T>(value: T | null, ...path: Path): Field<T> | null =>
      value === null ? null : field(value, ...path);
    const environment: Record<string, Field<string>> = {};
    const dev = options.devEnvironment?.(name);
    for (const [key, value] of Object.entries(s.environment)) {
      if (typeof value === 'string') {
        environment[key] = field(value, 'environment', key);
        continue;
      }
      (secretKeys[name] ??= []).push(key);
      const devValue = dev?.[key]?.value;
      const same = devValue !== undefined && secretHash(devValue) === value.sha256;
      // The dev value stands in for a hash it matches: drift then says "same", never a value.
      environment[key] = field(
        same ? devValue : `sha256:${value.sha256}`,
        'environment',
        key,
        'sha256',
      );
    }
    const health = s.healthcheck;
    const healthcheck: Field<Healthcheck> | null = health
      ? field(
          {
            ...health,
            positions: Object.fromEntries(
              (
                [
                  'test',
                  'intervalMs',
                  'timeoutMs',
                  'retries',
                  'startPeriodMs',
                  'startIntervalMs',
                ] as const
              )
                .filter((key) => health[key] !== null)
                .map((key) => [key, pos([...base, 'healthcheck', key])]),
            ),
          },
          'healthcheck',
        )
      : null;
    model.services[name] = {
      name,
      source: keyPos(servicesNode, name, at) ?? pos(base),
      image: s.image === null ? null : field(parseImageRef(s.image), 'image'),
      build: s.build ? field({ ...s.build, display: s.build.context, args: {} }, 'build') : null,
      command: maybe(s.command, 'command'),
      entrypoint: maybe(s.entrypoint, 'entrypoint'),
      environment,
      ports: s.ports.map((p, i) => field(withoutUndefined(p), 'ports', i)),
      volumes: s.volumes.map((v, i) => field(v, 'volumes', i)),
      healthcheck,
      dependsOn: Object.fromEntries(
        Object.entries(s.dependsOn).map(([key, d]) => [key, field(d, 'dependsOn', key)]),
      ),
      limits: {
        cpus: maybe(s.limits.cpus, 'limits', 'cpus'),
        memoryBytes: maybe(s.limits.memoryBytes, 'limits', 'memoryBytes'),
      },
      reservations: {
        cpus: maybe(s.reservations.cpus, 'reservations', 'cpus'),
        memoryBytes: maybe(s.reservations.memoryBytes, 'reservations', 'memoryBytes'),
      },
      replicas: maybe(s.replicas, 'replicas'),
      restart: maybe(s.restart, 'restart'),
      user: maybe(s.user, 'user'),
      capAdd: maybe(s.capAdd && normalizeCapabilities(s.capAdd), 'capAdd'),
      capDrop: maybe(s.capDrop && normalizeCapabilities(s.capDrop), 'capDrop'),
      readOnly: maybe(s.readOnly, 'readOnly'),
      privileged: maybe(s.privileged, 'privileged'),
      labels: Object.fromEntries(
        Object.entries(s.labels).map(([key, value]) => [key, field(value, 'labels', key)]),
      ),
      profiles: s.profiles,
      networks: s.networks,
      networkMode: maybe(s.networkMode, 'networkMode'),
      init: maybe(s.init, 'init'),
      containerName: maybe(s.containerName, 'containerName'),
      extraHosts: maybe(s.extraHosts, 'extraHosts'),
      hostname: maybe(s.hostname, 'hostname'),
      workingDir: maybe(s.workingDir, 'workingDir'),
      stopSignal: maybe(s.stopSignal, 'stopSignal'),
      stopGracePeriodMs: maybe(s.stopGracePeriodMs, 'stopGracePeriodMs'),
      // Snapshots come from Compose files or containers, neither of which has pods.
      sidecars: {},
    };
  }
  for (const kind of ['volumes', 'networks'] as const) {
    for (const [key, value] of Object.entries(snapshot[kind])) {
      model[kind][key] = { value, source: pos([kind, key]) };
    }
  }
  return { model, secretKeys, diagnostics: [] };
}

// Where a key of a mapping is written (a service's name, an unknown key).
function keyPos(
  map: unknown,
  key: string,
  at: (offset: number) => SourcePosition,
): SourcePosition | null {
  if (!isMap(map)) return null;
  const pair = map.items.find(
    (item): item is Pair<Node> => isPair(item) && isScalar(item.key) && item.key.value === key,
  );
  const range = pair?.key?.range;
  return range ? at(range[0]) : null;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
