import { isAdoptablePath } from '../../shared/api/adopt-contract';
import type { SourcePosition } from '../../shared/diagnostics';
import type { LoadedProject } from '../config/load-project';
import { mirrorProject } from '../mirror/mirror-project';
import type { MirrorValue } from '../mirror/mirror-plan';

/** Production's value for one finding, as the laptop's compose file should write it. */
export interface AdoptTarget {
  service: string;
  /** Compose keys from the service down: ['environment', 'LOG_LEVEL'], ['image']. */
  keys: string[];
  /** A list for cap_add and cap_drop: production's whole list. */
  value: string | boolean | string[];
  /** Where production writes it. */
  from: SourcePosition;
  /** Where the laptop's files write the value now; null when they do not. */
  dev: SourcePosition | null;
}

/** A finding whose production value is not written to the laptop, and why. */
export class AdoptRefusedError extends Error {
  override readonly name = 'AdoptRefusedError';
}

// The finding paths Adopt can write (isAdoptablePath), as the Compose keys that hold them.
function composeKeys(path: string): string[] | null {
  if (!isAdoptablePath(path)) return null;
  const env = /^env\.(.+)$/.exec(path);
  if (env?.[1]) return ['environment', env[1]];
  if (path === 'image' || path.startsWith('image.')) return ['image'];
  if (['user', 'read_only', 'privileged', 'cap_add', 'cap_drop'].includes(path)) return [path];
  return null;
}

/**
 * The value Adopt writes for the finding at `service`/`path`: the one `parity mirror` would put
 * in the override (mirror-plan.ts decides), so adopt and mirror agree: never a secret, a URL's
 * credentials, a host outside the laptop's stack (production's own service hosts rewritten to
 * the laptop's), or a value parity.yaml's `mirror.exclude` names. Throws AdoptRefusedError with
 * the reason otherwise.
 */
export function adoptTarget(project: LoadedProject, service: string, path: string): AdoptTarget {
  const keys = composeKeys(path);
  if (!keys) {
    throw new AdoptRefusedError(
      `${service}.${path} spans more than one value: \`parity mirror\` brings it (Adopt writes environment values, image, user, read_only, privileged, cap_add and cap_drop)`,
    );
  }
  const dev = project.model.services[service];
  if (!dev) throw new AdoptRefusedError(`the laptop runs no service ${service}: nothing to edit`);
  const mirrored = mirrorProject(project, { only: [service] });
  if (!mirrored.ok) throw new AdoptRefusedError(mirrored.reason);
  const key = keys.join('.');
  const found = (mirrored.plan.services[service] ?? []).find(
    (value: MirrorValue) => value.path.join('.') === key,
  );
  if (!found) {
    const skipped = mirrored.plan.notMirrored.find((n) => n.service === service && n.key === key);
    throw new AdoptRefusedError(
      skipped
        ? `${service}.${path}: ${skipped.reason}`
        : `${service}.${path}: the laptop already runs production's value`,
    );
  }
  const list = keys[0] === 'cap_add' || keys[0] === 'cap_drop';
  if (typeof found.value === 'number' || Array.isArray(found.value) !== list) {
    throw new AdoptRefusedError(`${service}.${path} is not a single value`);
  }
  return {
    service,
    keys,
    value: found.value,
    from: found.from,
    dev: devPosition(project, service, keys),
  };
}

function devPosition(
  project: LoadedProject,
  service: string,
  keys: string[],
): SourcePosition | null {
  const model = project.model.services[service];
  if (!model) return null;
  const [first, second] = keys;
  if (first === 'environment' && second) return model.environment[second]?.source ?? null;
  if (first === 'image') return model.image?.source ?? null;
  if (first === 'user') return model.user?.source ?? null;
  if (first === 'read_only') return model.readOnly?.source ?? null;
  if (first === 'privileged') return model.privileged?.source ?? null;
  if (first === 'cap_add') return model.capAdd?.source ?? null;
  if (first === 'cap_drop') return model.capDrop?.source ?? null;
  return null;
}
