import type { Severity } from '../../shared/drift';
import type { Field, Resources, ServiceModel } from '../../shared/model';
import type { CompareContext, RawFinding } from './compare-service';

// Limits keep their historical paths (parity.yaml rules name them); requests are beside them.
const FIELDS = [
  ['limits', 'cpus', 'resources.cpus', 'CPU limit'],
  ['limits', 'memoryBytes', 'resources.memory', 'memory limit'],
  ['reservations', 'cpus', 'resources.requests.cpus', 'CPU request (reservation)'],
  ['reservations', 'memoryBytes', 'resources.requests.memory', 'memory request (reservation)'],
] as const;

/**
 * Limits and requests (Compose reservations) of a pair, as numbers: `cpus: 0.5` and `500m`,
 * `512m` (Compose: MiB) and `512Mi`, `1e9` and `1G` are the same value and never reported.
 * A memory limit only production enforces is a warning (the laptop cannot show the service being
 * killed for memory); the others are info.
 */
export function compareResources(
  name: string,
  dev: ServiceModel,
  prod: ServiceModel,
  findings: RawFinding[],
  ctx: CompareContext,
): void {
  for (const [side, key, path, what] of FIELDS) {
    const d = pick(dev[side], key);
    const p = pick(prod[side], key);
    if (!d && !p) continue;
    const show = key === 'cpus' ? formatCpus : formatBytes;
    if (d && p && sameAmount(key, d.value, p.value)) {
      ctx.onEquivalent?.(path);
      continue;
    }
    const kind = !p ? 'only-dev' : !d ? 'only-prod' : 'changed';
    const severity: Severity = path === 'resources.memory' && p ? 'warning' : 'info';
    findings.push({
      service: name,
      path,
      kind,
      category: 'resources',
      severity,
      rule:
        kind === 'changed'
          ? `${what} differs`
          : kind === 'only-prod'
            ? `production sets a ${what}; the laptop does not`
            : `only the laptop sets a ${what}`,
      secret: false,
      dev: { value: d ? show(d.value) : null, source: d?.source ?? null },
      prod: { value: p ? show(p.value) : null, source: p?.source ?? null },
    });
  }
}

function pick(resources: Resources, key: keyof Resources): Field<number> | null {
  return resources[key];
}

// CPU to the millicore (the API server's precision), memory to the byte.
function sameAmount(key: keyof Resources, a: number, b: number): boolean {
  return key === 'cpus' ? Math.round(a * 1000) === Math.round(b * 1000) : a === b;
}

/** Cores as text: whole cores as a number, fractions in millicores too (`0.1 (100m)`). */
export function formatCpus(cores: number): string {
  const milli = Math.round(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli / 1000} (${milli}m)`;
}

/** Bytes in the unit, binary (`512Mi`) or decimal (`512M`), that divides them into the smallest number. */
export function formatBytes(bytes: number): string {
  const units = [
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
    ['G', 1e9],
    ['M', 1e6],
    ['k', 1e3],
  ] as const;
  // The unit that leaves the smallest number: 128M (not 125000Ki), 2000Mi (not 2097152k).
  let best = String(bytes);
  let smallest = bytes;
  for (const [unit, size] of units) {
    if (bytes === 0 || bytes % size !== 0 || bytes / size >= smallest) continue;
    smallest = bytes / size;
    best = `${smallest}${unit}`;
  }
  return best;
}
