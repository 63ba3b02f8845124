import { SyntaxValueError } from './syntax-error';

const EXPECTED = 'a duration with a unit, like "1m30s", "10s" or "500ms"';

// Nanoseconds per unit. Compose parses durations with xhit/go-str2duration: Go's units
// (both spellings of the micro sign included) plus days and weeks.
const UNITS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n],
  ['\u03bcs', 1_000n],
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
  ['d', 86_400_000_000_000n],
  ['w', 604_800_000_000_000n],
]);
// Go keeps a duration in an int64 of nanoseconds and refuses anything larger.
const MAX_NS = (1n << 63n) - 1n;
const TERM = /^(\d*)(?:\.(\d*))?([^\d.]*)/u;

/** Milliseconds in a Compose duration: "1m30s", "1h", "500ms", "2.5s", "10us", "0". */
export function parseDuration(value: string | number): number {
  // The Compose schema types every duration as a string, so YAML `interval: 10` (a number)
  // is refused before any parsing, even 0.
  if (typeof value === 'number') {
    throw new SyntaxValueError(String(value), `${EXPECTED} (a bare number is not a duration)`);
  }
  const nanoseconds = parseNanoseconds(value);
  if (nanoseconds === null) throw new SyntaxValueError(value, EXPECTED);
  return Number(nanoseconds) / 1e6;
}

/** A duration the way Go prints it, as `docker compose config` does: "1m30s", "1h0m0s", "500ms", "0s". */
export function formatDuration(ms: number): string {
  let ns = BigInt(Math.round(ms * 1e6));
  const sign = ns < 0n ? '-' : '';
  if (ns < 0n) ns = -ns;
  if (ns === 0n) return '0s';
  if (ns < 1_000n) return `${sign}${ns}ns`;
  if (ns < 1_000_000n) return `${sign}${fraction(ns, 3)}\u00b5s`;
  if (ns < 1_000_000_000n) return `${sign}${fraction(ns, 6)}ms`;
  const seconds = ns / 1_000_000_000n;
  const secondsFraction = fraction(ns, 9).replace(/^\d+/, '');
  let text = `${seconds % 60n}${secondsFraction}s`;
  const minutes = seconds / 60n;
  // Go writes every larger unit once one is present: 1h is "1h0m0s".
  if (minutes > 0n) text = `${minutes % 60n}m${text}`;
  const hours = minutes / 60n;
  if (hours > 0n) text = `${hours}h${text}`;
  return `${sign}${text}`;
}

// "1.5" for 1500 with 3 digits: the whole part, then the fraction without trailing zeros.
function fraction(value: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const decimals = (value % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  return `${value / scale}${decimals ? `.${decimals}` : ''}`;
}

// The grammar of Go's time.ParseDuration, with its truncation of fractions to whole nanoseconds.
function parseNanoseconds(text: string): bigint | null {
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  // Only zero may go without a unit.
  if (rest === '0') return 0n;
  if (rest === '') return null;
  let total = 0n;
  while (rest !== '') {
    const [term = '', whole = '', decimals, unitText = ''] = TERM.exec(rest) ?? [];
    if (whole === '' && !decimals) return null;
    const unit = UNITS.get(unitText);
    if (unit === undefined) return null;
    const value = termNanoseconds(BigInt(whole || '0'), decimals ?? '', unit);
    if (value === null) return null;
    total += value;
    if (total > MAX_NS) return null;
    rest = rest.slice(term.length);
  }
  return negative ? -total : total;
}

function termNanoseconds(whole: bigint, decimals: string, unit: bigint): bigint | null {
  if (whole > MAX_NS / unit) return null;
  let value = whole * unit;
  // Go reads at most as many fraction digits as fit an int64 and scales them in floating
  // point, so 1.0000000001s is 1s.
  let digits = 0n;
  let scale = 1;
  for (const digit of decimals) {
    const next = digits * 10n + BigInt(digit);
    if (next > MAX_NS) break;
    digits = next;
    scale *= 10;
  }
  if (digits > 0n) value += BigInt(Math.trunc(Number(digits) * (Number(unit) / scale)));
  return value > MAX_NS ? null : value;
}
