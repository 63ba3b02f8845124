// Timestamps travel as UTC ISO strings with exactly nine fraction digits (the engine's own
// RFC3339Nano form), so comparing them as strings orders them in time.

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
const ENGINE_PREFIX = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z $/;

const NANOS_Z = /^\.\d{9}Z$/;
// The seconds part (`2006-01-02T15:04:05`) of the last timestamp found valid in UTC.
let validSeconds = '';

/** An RFC 3339 timestamp as a UTC ISO string with nine fraction digits; null when it is none. */
export function normalizeTimestamp(text: string): string | null {
  // The engine's own form, in a second already found valid: every line of a flood but the
  // first of each second, which costs no match, no Date and no new string.
  if (
    text.length === 30 &&
    validSeconds !== '' &&
    text.startsWith(validSeconds) &&
    NANOS_Z.test(text.slice(19))
  ) {
    return text;
  }
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [, seconds = '', fraction = '', zone = 'Z'] = match;
  const nanos = fraction.padEnd(9, '0');
  if (zone === 'Z') {
    if (Number.isNaN(Date.parse(`${seconds}Z`))) return null;
    validSeconds = seconds;
    return `${seconds}.${nanos}Z`;
  }
  // An offset moves whole minutes, so the fraction survives the trip through Date unchanged.
  const date = new Date(`${seconds}${zone}`);
  return Number.isNaN(date.getTime()) ? null : `${date.toISOString().slice(0, 19)}.${nanos}Z`;
}

/** A Date as a normalized timestamp. */
export function dateToTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000000Z`;
}

/** Whether a chunk starts with a timestamp exactly as the engine writes it before a message. */
export function startsWithEngineTimestamp(chunk: Buffer): boolean {
  return chunk.length >= 31 && ENGINE_PREFIX.test(chunk.toString('latin1', 0, 31));
}

/** A normalized timestamp as the engine's `since` takes it: Unix seconds with nanoseconds. */
export function timestampToSince(timestamp: string): string {
  const seconds = Math.floor(Date.parse(`${timestamp.slice(0, 19)}Z`) / 1000);
  return `${seconds}.${timestamp.slice(20, 29)}`;
}

/** The later of two normalized timestamps, either possibly absent. */
export function laterTimestamp(
  a: string | null | undefined,
  b: string | null | undefined,
): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a > b ? a : b;
}

/** Orders items by timestamp; with a stable sort, items of equal time stay as they came. */
export function compareTimestamps(a: { timestamp: string }, b: { timestamp: string }): number {
  if (a.timestamp === b.timestamp) return 0;
  return a.timestamp < b.timestamp ? -1 : 1;
}

const DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * `--since` as `docker logs` reads it: an RFC 3339 date or date-time (local time when it names
 * no zone), Unix seconds, or a Go duration before now ("42m", "1h30m"). Throws when it is none.
 */
export function parseSince(value: string, now: Date = new Date()): string {
  const text = value.trim();
  if (/^\d+(\.\d{1,9})?$/.test(text)) {
    const [seconds = '0', fraction = ''] = text.split('.');
    return `${new Date(Number(seconds) * 1000).toISOString().slice(0, 19)}.${fraction.padEnd(9, '0')}Z`;
  }
  const duration = parseDuration(text);
  if (duration !== null) return dateToTimestamp(new Date(now.getTime() - duration));
  const exact = normalizeTimestamp(text);
  if (exact) return exact;
  // Without a zone Docker reads the time as local, which is what Date does with a date-time
  // (but not with a bare date, hence the explicit midnight).
  const local = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00` : text;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/.test(local)) {
    const date = new Date(local.replace(/(\.\d{3})\d+$/, '$1'));
    if (!Number.isNaN(date.getTime())) return dateToTimestamp(date);
  }
  throw new Error(
    `cannot read "${value}" as a time: give a date-time (2013-01-02T13:23:37Z), Unix seconds or a duration (42m)`,
  );
}

function parseDuration(text: string): number | null {
  if (!text) return null;
  DURATION_PART.lastIndex = 0;
  let total = 0;
  let end = 0;
  for (let match = DURATION_PART.exec(text); match; match = DURATION_PART.exec(text)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
    end = DURATION_PART.lastIndex;
  }
  return end === text.length ? total : null;
}
