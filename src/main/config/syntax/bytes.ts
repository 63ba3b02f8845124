import { SyntaxValueError } from './syntax-error';

const EXPECTED_BYTES =
  'a size in bytes, optionally with a unit b, k, m, g, t or p (like "512m", "1.5g" or "256MiB")';
const EXPECTED_CPUS = 'a number of CPUs, like 0.5 or "1.5"';

// docker/go-units RAMInBytes: binary multiples whatever the spelling ("m", "mb", "MiB").
const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['k', 1024],
  ['m', 1024 ** 2],
  ['g', 1024 ** 3],
  ['t', 1024 ** 4],
  ['p', 1024 ** 5],
]);
// What Go's strconv.ParseFloat reads in decimal, without the Inf/NaN spellings that make no
// sense for a size or a CPU count.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Bytes in a Compose size: a plain number is bytes, "512m" = "512M" = "512mb" = 512 MiB. */
export function parseBytes(value: string | number): number {
  if (typeof value === 'number') {
    // A YAML integer is bytes as written (-1 included: unlimited swap); compose-go reads any
    // other number through its text, so 1.5 truncates to 1.
    return Number.isInteger(value) ? value : parseBytes(String(value));
  }
  // compose-go tries a plain integer before units, which is how "-1" gets through.
  if (/^[+-]?\d+$/.test(value)) return Number(value);
  const bytes = ramInBytes(value);
  if (bytes === null) throw new SyntaxValueError(value, EXPECTED_BYTES);
  return bytes;
}

/** CPUs as a number of cores, from a YAML number or a numeric string ("0.5", 1.5). */
export function parseCpus(value: string | number): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new SyntaxValueError(String(value), EXPECTED_CPUS);
  }
  if (!DECIMAL.test(value)) throw new SyntaxValueError(value, EXPECTED_CPUS);
  return Number(value);
}

// The number is everything up to the last digit, dot or space; one space may separate it
// from the unit ("512 mb").
function ramInBytes(text: string): number | null {
  const split = Math.max(...[...'0123456789. '].map((char) => text.lastIndexOf(char)));
  if (split === -1) return null;
  const number = text[split] === ' ' ? text.slice(0, split) : text.slice(0, split + 1);
  const suffix = text.slice(split + 1).toLowerCase();
  if (!DECIMAL.test(number)) return null;
  const size = Number(number);
  if (size < 0) return null;
  if (suffix === '' || suffix === 'b') return Math.trunc(size);
  const multiplier = MULTIPLIERS.get(suffix.charAt(0));
  const tail = suffix.slice(1);
  if (multiplier === undefined || !['', 'b', 'ib'].includes(tail)) return null;
  return Math.trunc(size * multiplier);
}
