// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource), which are not Compose
// sizes: "m" is milli (not mega), "M" is 10^6, "Mi" is 2^20, and "1e3" is an exponent.
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE]?)$/;

const SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['n', 1e-9],
  ['u', 1e-6],
  ['m', 1e-3],
  ['', 1],
  ['k', 1e3],
  ['M', 1e6],
  ['G', 1e9],
  ['T', 1e12],
  ['P', 1e15],
  ['E', 1e18],
  ['Ki', 2 ** 10],
  ['Mi', 2 ** 20],
  ['Gi', 2 ** 30],
  ['Ti', 2 ** 40],
  ['Pi', 2 ** 50],
  ['Ei', 2 ** 60],
]);

/** What a quantity should look like, for diagnostics. */
export const EXPECTED_QUANTITY =
  'a Kubernetes quantity like "500m", "2", "128Mi", "1Gi", "512M" or "1e3"';

/**
 * The value of a Kubernetes quantity ("500m" = 0.5, "128Mi" = 134217728, "512M" = 512000000,
 * "1e3" = 1000), or null when the text is not one. YAML numbers are taken as they are.
 */
export function parseQuantity(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const match = QUANTITY.exec(value.trim());
  if (!match) return null;
  const [, number = '', suffix = ''] = match;
  const multiplier = /^[eE][+-]?\d/.test(suffix)
    ? 10 ** Number(suffix.slice(1))
    : SUFFIXES.get(suffix);
  if (multiplier === undefined) return null;
  // Multiplying by a negative power of ten in floating point leaves 0.30000000000000004;
  // dividing by the positive power does not.
  return multiplier < 1 ? Number(number) / Math.round(1 / multiplier) : Number(number) * multiplier;
}

/** CPU cores from a quantity ("500m" = 0.5, "2" = 2), or null when it is not one. */
export function parseCpuQuantity(value: string | number): number | null {
  const cores = parseQuantity(value);
  // The API server keeps CPU to the millicore; "0.0005" is rounded up to "1m".
  return cores === null || cores < 0 ? null : Math.ceil(exact(cores * 1000)) / 1000;
}

/** Bytes from a memory quantity, rounded up to a whole byte as the kubelet does; null when invalid. */
export function parseMemoryQuantity(value: string | number): number | null {
  const bytes = parseQuantity(value);
  return bytes === null || bytes < 0 ? null : Math.ceil(exact(bytes));
}

// Drops floating-point noise ("1.1M" = 1100000.0000000002) before rounding up.
function exact(value: number): number {
  return Number(value.toPrecision(15));
}
