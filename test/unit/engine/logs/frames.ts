/** A frame of the engine's multiplexed log stream: type 1 stdout, 2 stderr. */
export function frame(type: number, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** A timestamp as the engine prefixes a message, the nanoseconds made from `n`. */
export function stamp(n: number): string {
  return `2024-05-06T07:08:09.${String(n).padStart(9, '0')}Z`;
}
