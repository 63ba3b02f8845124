import type { LogLine } from '../logs';
import type { ApiEvent } from './event-contract';

/**
 * Events as they travel over the WebSocket of `parity serve`. Most go as `{event, payload}`
 * JSON; logs.batch, which carries a log flood, goes packed, a fifth the size of the plain form
 * (each line naming its service, container and stream spells them out again):
 *
 *   {"packed": "logs.batch", "payload": {"subscription": S,
 *     "sources": [[service, container, stream], ...],
 *     "lines": [source, timestamp, text, source, timestamp, text, ...], "dropped": N?}}
 *
 * where `source` indexes `sources`, or is -1 - index for a line that was truncated, and
 * `timestamp` is either a whole one or, for a line whose timestamp has the length of the line
 * before's and shares its date (all of a flood's, in the engine's fixed-length form), only the
 * end where the two differ (`456789012Z`: no `T`, so never mistaken for a whole one). The
 * receiver unpacks it into the contract's `{event, payload}` frame, which the event client
 * then validates like any other (a malformed packed frame unpacks into one it drops).
 */
export function encodeEventFrame(event: ApiEvent): string {
  if (event.event !== 'logs.batch') return JSON.stringify(event);
  const { subscription, lines, dropped } = event.payload;
  const sources: [string, string, string][] = [];
  const indexOf = new Map<string, number>();
  const packed: (number | string)[] = new Array<number | string>(lines.length * 3);
  let previous: LogLine | undefined;
  let source = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as LogLine;
    // Runs of lines from one source are the rule: only a change of source is looked up.
    if (
      line.container !== previous?.container ||
      line.stream !== previous.stream ||
      line.service !== previous.service
    ) {
      const key = `${line.stream}\n${line.service}\n${line.container}`;
      const known = indexOf.get(key);
      source = known ?? sources.push([line.service, line.container, line.stream]) - 1;
      if (known === undefined) indexOf.set(key, source);
      previous = line;
    }
    packed[i * 3] = line.truncated ? -1 - source : source;
    packed[i * 3 + 1] = shortTimestamp(line.timestamp, lines[i - 1]?.timestamp);
    packed[i * 3 + 2] = line.text;
  }
  return JSON.stringify({
    packed: 'logs.batch',
    payload: { subscription, sources, lines: packed, ...(dropped ? { dropped } : {}) },
  });
}

/**
 * A frame as received, with a packed logs.batch unpacked into `{event, payload}`; any other
 * frame as it is. Nothing is validated here: the event client does that with the result.
 */
export function decodeEventFrame(frame: unknown): unknown {
  if (typeof frame !== 'object' || frame === null || !('packed' in frame)) return frame;
  const { packed, payload } = frame as { packed: unknown; payload: unknown };
  if (packed !== 'logs.batch' || typeof payload !== 'object' || payload === null) return frame;
  const { subscription, sources, lines, dropped } = payload as Record<string, unknown>;
  if (!Array.isArray(sources) || !Array.isArray(lines) || lines.length % 3 !== 0) return frame;
  const unpacked: Record<string, unknown>[] = new Array<Record<string, unknown>>(lines.length / 3);
  let timestamp: unknown;
  for (let i = 0; i < unpacked.length; i++) {
    timestamp = wholeTimestamp(lines[i * 3 + 1], timestamp);
    const source: unknown = lines[i * 3];
    const index = typeof source === 'number' && source < 0 ? -1 - source : source;
    const from: unknown = typeof index === 'number' ? sources[index] : undefined;
    // A source that is not a [service, container, stream] leaves the line without them, and
    // the event client drops the batch.
    const [service, container, stream] = Array.isArray(from) ? (from as unknown[]) : [];
    const line: Record<string, unknown> = {
      service,
      container,
      stream,
      timestamp,
      text: lines[i * 3 + 2],
    };
    if (index !== source) line.truncated = true;
    unpacked[i] = line;
  }
  return {
    event: 'logs.batch',
    payload: { subscription, lines: unpacked, ...(dropped === undefined ? {} : { dropped }) },
  };
}

// The date ends at the `T` (index 10): a shortened timestamp starts after it, so it has none.
const DATE_LENGTH = 11;

/** The end of `timestamp` where it differs from `previous`, or all of it. */
function shortTimestamp(timestamp: string, previous: string | undefined): string {
  if (previous === undefined || previous.length !== timestamp.length) return timestamp;
  if (timestamp.charCodeAt(DATE_LENGTH - 1) !== 84 /* T */) return timestamp;
  let same = 0;
  while (same < timestamp.length && timestamp.charCodeAt(same) === previous.charCodeAt(same)) {
    same++;
  }
  return same < DATE_LENGTH ? timestamp : timestamp.slice(same);
}

/** A received timestamp made whole again from the one before; anything else as it is. */
function wholeTimestamp(received: unknown, previous: unknown): unknown {
  if (typeof received !== 'string' || received.includes('T')) return received;
  if (typeof previous !== 'string') return received;
  return previous.slice(0, previous.length - received.length) + received;
}
