import { dateToTimestamp, normalizeTimestamp, startsWithEngineTimestamp } from './timestamps';

const NEWLINE = 0x0a;
const SPACE = 0x20;
// Longer than any RFC 3339 timestamp and its space ("2006-01-02T15:04:05.999999999+07:00 ").
const MAX_PREFIX = 40;

/** The longest line kept whole; longer ones are cut there and marked truncated. */
export const MAX_LINE_BYTES = 64 * 1024;

/** One complete line of one stream of one container. */
export interface SplitLine {
  /** Normalized (see timestamps.ts); of the message that began the line. */
  timestamp: string;
  text: string;
  truncated: boolean;
}

/** How a splitter is set up; tests shrink the cap and fix the clock. */
export interface LineSplitterOptions {
  maxLineBytes?: number;
  /** For a line without a timestamp prefix (none was seen yet). */
  now?: () => string;
}

/**
 * Turns the bytes of one stream of one container into lines. The engine prefixes every log
 * message with its timestamp and a space; a message is a line, or a piece of a long line when
 * it ends without a newline, so a line may span messages and chunks. Works on bytes, so a
 * character split across chunks is decoded whole.
 */
export class LineSplitter {
  private readonly maxLineBytes: number;
  private readonly now: () => string;
  private parts: Buffer[] = [];
  private size = 0;
  private truncated = false;
  private lineTimestamp: string | null = null;
  private lastTimestamp: string | null = null;
  private atMessageStart = true;
  // The first bytes of a message, kept until they show whether a timestamp begins it.
  private prefix: Buffer | null = null;

  constructor(
    private readonly onLine: (line: SplitLine) => void,
    options: LineSplitterOptions = {},
  ) {
    this.maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
    this.now = options.now ?? (() => dateToTimestamp(new Date()));
  }

  /**
   * Feeds bytes. `messageStart` says the chunk begins an engine message (a demultiplexed
   * frame); without it, a chunk in the middle of a line that starts with a timestamp in the
   * engine's exact form is taken as a new message too, which is how a TTY stream's long lines,
   * sent in pieces, get their later prefixes removed.
   */
  push(chunk: Buffer, messageStart = false): void {
    if (messageStart || (!this.atMessageStart && startsWithEngineTimestamp(chunk))) {
      this.startMessage();
    }
    let data = chunk;
    if (this.prefix) {
      data = Buffer.concat([this.prefix, chunk]);
      this.prefix = null;
    }
    let offset = 0;
    while (offset < data.length) {
      if (this.atMessageStart) {
        const consumed = this.readTimestamp(data.subarray(offset, offset + MAX_PREFIX));
        if (consumed === null) {
          this.prefix = Buffer.from(data.subarray(offset));
          return;
        }
        this.atMessageStart = false;
        offset += consumed;
        continue;
      }
      const newline = data.indexOf(NEWLINE, offset);
      this.append(data.subarray(offset, newline < 0 ? data.length : newline));
      if (newline < 0) return;
      this.emit();
      this.atMessageStart = true;
      offset = newline + 1;
    }
  }

  /** The stream ended: a partial line kept so far is delivered as it is. */
  end(): void {
    this.flushPrefix();
    if (this.size > 0 || this.truncated) this.emit();
    this.lineTimestamp = null;
    this.atMessageStart = true;
  }

  private startMessage(): void {
    this.flushPrefix();
    this.atMessageStart = true;
  }

  // Bytes kept as a possible prefix that turned out to be a message without a timestamp.
  private flushPrefix(): void {
    if (!this.prefix) return;
    const held = this.prefix;
    this.prefix = null;
    this.atMessageStart = false;
    this.append(held);
  }

  // How many bytes the timestamp and its space take (0 without one); null until it is known.
  private readTimestamp(head: Buffer): number | null {
    const space = head.indexOf(SPACE);
    const newline = head.indexOf(NEWLINE);
    if (space < 0 || (newline >= 0 && newline < space)) {
      return newline >= 0 || head.length >= MAX_PREFIX ? 0 : null;
    }
    const timestamp = normalizeTimestamp(head.toString('latin1', 0, space));
    if (!timestamp) return 0;
    this.lastTimestamp = timestamp;
    // A message that continues a line does not move the line's timestamp.
    this.lineTimestamp ??= timestamp;
    return space + 1;
  }

  private append(bytes: Buffer): void {
    this.lineTimestamp ??= this.lastTimestamp ?? this.now();
    if (this.truncated || bytes.length === 0) return;
    const room = this.maxLineBytes - this.size;
    if (bytes.length <= room) {
      this.parts.push(bytes);
      this.size += bytes.length;
      return;
    }
    const kept = bytes.subarray(0, characterBoundary(bytes, room));
    this.parts.push(kept);
    this.size += kept.length;
    this.truncated = true;
  }

  private emit(): void {
    let text = Buffer.concat(this.parts, this.size).toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    this.onLine({
      timestamp: this.lineTimestamp ?? this.lastTimestamp ?? this.now(),
      text,
      truncated: this.truncated,
    });
    this.parts = [];
    this.size = 0;
    this.truncated = false;
    this.lineTimestamp = null;
  }
}

// The largest cut at or before `limit` that does not split a UTF-8 character.
function characterBoundary(bytes: Buffer, limit: number): number {
  let cut = limit;
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return cut;
}
