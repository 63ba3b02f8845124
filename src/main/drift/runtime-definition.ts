import type { Severity } from '../../shared/drift';
import type { ServiceModel } from '../../shared/model';
import { isSecretName } from '../../shared/secrets';
import type { LoadedProject } from '../config/load-project';
import { COMPOSE_LABEL } from '../engine/compose-labels';
import { configHash, containerSpec } from '../engine/container-spec';
import type { Check } from './runtime-check';
import { numberOf, type RuntimeContainer, type RuntimeObservation } from './runtime-observe';

/** Why a stale container's values differ: the files changed since it was created. */
export const CHANGED_IN_FILES = 'changed in the files since the container was created';

/**
 * How the container was made against how the files would make it now: the config-hash label
 * (stale when the files changed since), the project folder it came from, the image its tag
 * names now, and field by field what `parity up` would create. With a current hash the
 * differences were made by hand (`docker update`, or a container made outside Parity); with a
 * stale one they are what changed in the files.
 */
export function checkContainer(
  project: LoadedProject,
  service: ServiceModel,
  c: RuntimeContainer,
  observed: RuntimeObservation,
  check: Check,
): void {
  const spec = containerSpec(project, service, numberOf(c) || 1);
  const hash = configHash(project, service);
  const label = c.labels[COMPOSE_LABEL.configHash];
  // Docker Compose writes its own hash of its own model: comparable only field by field.
  const byCompose = c.labels['com.docker.compose.version'] !== undefined;
  let stale = false;
  if (label === undefined) {
    check(
      'config-hash',
      'topology',
      'warning',
      'made by hand: it has no config-hash label, so neither Parity nor Compose created it; `parity up` replaces it',
      hash.slice(0, 12),
      null,
    );
  } else if (!byCompose) {
    stale = label !== hash;
    check(
      'config-hash',
      'topology',
      'warning',
      'stale: the service changed since its container was created; `parity up` recreates it',
      hash.slice(0, 12),
      label.slice(0, 12),
    );
  }
  const dir = c.labels[COMPOSE_LABEL.workingDir];
  if (dir !== undefined) {
    check(
      'labels.working_dir',
      'topology',
      'warning',
      'created from another folder with the same project name (another checkout?)',
      project.workingDir,
      dir,
    );
  }

  const [severity, cause]: [Severity, string] = stale
    ? ['info', CHANGED_IN_FILES]
    : ['warning', 'changed by hand: the container differs from what the files create'];
  const image = String(spec.Image);
  check('image', 'image', severity, cause, image, c.image, false, service.image?.source);
  if (c.image === image) {
    const now = observed.images[image];
    if (now === null) {
      check(
        'image.id',
        'image',
        'info',
        'its image tag no longer names an image on this machine (removed, or never pulled here)',
        'present',
        null,
      );
    } else if (now !== undefined) {
      check(
        'image.id',
        'image',
        'warning',
        'the image moved under its tag since the container was created: `parity down` then `parity up` runs the new one',
        shortId(now.id),
        shortId(c.imageId),
      );
    }
  }

  const declared = envMap(spec.Env ?? []);
  const running = envMap(c.env);
  const fromImage = envMap(observed.images[c.imageId]?.env ?? []);
  for (const key of new Set([...declared.keys(), ...running.keys()])) {
    const want = declared.get(key) ?? null;
    const have = running.get(key) ?? null;
    // What the image's ENV sets and the files leave alone is not the files' business.
    if (want === null && have !== null && fromImage.get(key) === have) continue;
    const field = service.environment[key];
    check(`env.${key}`, 'env', severity, cause, want, have, isSecretName(key), field?.source);
  }
  const json = (v: string[] | null | undefined): string | null => (v ? JSON.stringify(v) : null);
  if (spec.Cmd) {
    const { Cmd: cmd } = spec;
    check(
      'command',
      'command',
      severity,
      cause,
      json(cmd),
      json(c.cmd),
      false,
      service.command?.source,
    );
  }
  if (spec.Entrypoint) {
    const entrypoint = [spec.Entrypoint].flat();
    const at = service.entrypoint?.source;
    check(
      'entrypoint',
      'command',
      severity,
      cause,
      json(entrypoint),
      json(c.entrypoint),
      false,
      at,
    );
  }
  check('user', 'security', severity, cause, spec.User ?? '', c.user, false, service.user?.source);
  const host = spec.HostConfig ?? {};
  const memory = [bytes(host.Memory ?? 0), bytes(c.memory)] as const;
  check(
    'resources.memory',
    'resources',
    severity,
    cause,
    ...memory,
    false,
    service.limits.memoryBytes?.source,
  );
  const cpu = [cpus(host.NanoCpus ?? 0), cpus(c.nanoCpus)] as const;
  check('resources.cpus', 'resources', severity, cause, ...cpu, false, service.limits.cpus?.source);
  const restart = [host.RestartPolicy?.Name || 'no', c.restartPolicy || 'no'] as const;
  check('restart', 'health', severity, cause, ...restart, false, service.restart?.source);
  check('name', 'topology', 'info', 'renamed by hand (docker rename)', String(spec.name), c.name);
}

function envMap(entries: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of entries) {
    const at = entry.indexOf('=');
    // `NAME` alone is a variable the files unset (the engine takes it out): not a value.
    if (at > 0) map.set(entry.slice(0, at), entry.slice(at + 1));
  }
  return map;
}

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

function bytes(n: number): string {
  return n === 0 ? 'unlimited' : String(n);
}

function cpus(nano: number): string {
  return nano === 0 ? 'unlimited' : String(nano / 1e9);
}
