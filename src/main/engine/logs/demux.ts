import type { LogStream } from '../../../shared/logs';

const HEADER_BYTES = 8;

/**
 * Splits the engine's multiplexed stdout/stderr stream (a container without a TTY) back into
 * its frames: an 8-byte header (stream type, three zero bytes, big-endian uint32 length), then
 * that many payload bytes. Frames may arrive split across chunks or several to a chunk; each
 * frame is delivered whole, because the engine writes one log message per frame and the line
 * splitter needs to know where a message (and its timestamp prefix) starts.
 */
export class LogDemuxer {
  private readonly header = Buffer.alloc(HEADER_BYTES);
  private headerLength = 0;
  private stream: LogStream = 'stdout';
  private remaining = 0;
  private parts: Buffer[] = [];
  // Once a header makes no sense the stream was not multiplexed after all (a TTY container
  // misread): the rest is passed through as stdout rather than lost.
  private raw = false;

  constructor(private readonly onFrame: (stream: LogStream, payload: Buffer) => void) {}

  /** Feeds the next chunk of the response body. */
  push(chunk: Buffer): void {
    if (this.raw) {
      if (chunk.length > 0) this.onFrame('stdout', chunk);
      return;
    }
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining === 0) {
        const take = Math.min(HEADER_BYTES - this.headerLength, chunk.length - offset);
        chunk.copy(this.header, this.headerLength, offset, offset + take);
        this.headerLength += take;
        offset += take;
        if (this.headerLength < HEADER_BYTES) return;
        this.headerLength = 0;
        if (!this.readHeader()) {
          this.raw = true;
          this.push(Buffer.concat([this.header, chunk.subarray(offset)]));
          return;
        }
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - offset);
      this.parts.push(chunk.subarray(offset, offset + take));
      this.remaining -= take;
      offset += take;
      if (this.remaining === 0) this.emit();
    }
  }

  /** The body ended: a frame cut short is delivered as far as it came. */
  end(): void {
    if (this.parts.length > 0) this.emit();
    this.remaining = 0;
    this.headerLength = 0;
  }

  private readHeader(): boolean {
    const type = this.header[0];
    if (type === undefined || type > 2 || this.header.readUIntBE(1, 3) !== 0) return false;
    // Type 0 (stdin) only appears when stdin is echoed, and then it belongs with stdout.
    this.stream = type === 2 ? 'stderr' : 'stdout';
    this.remaining = this.header.readUInt32BE(4);
    return true;
  }

  private emit(): void {
    const [only] = this.parts;
    const payload = this.parts.length === 1 && only ? only : Buffer.concat(this.parts);
    this.parts = [];
    this.onFrame(this.stream, payload);
  }
}
