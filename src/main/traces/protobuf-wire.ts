import { MalformedSpansError } from './span';

/** One field of a protobuf message: its number and its value as the wire gave it. */
export type WireField =
  | { field: number; type: 'varint'; value: bigint }
  | { field: number; type: 'fixed64'; value: Buffer }
  | { field: number; type: 'bytes'; value: Buffer }
  | { field: number; type: 'fixed32'; value: Buffer };

/**
 * The fields of one protobuf message, in order, without a schema: the wire format's four
 * types in use (varint, 64-bit, length-delimited, 32-bit). Anything else, a length past the
 * end or a varint past ten bytes throws MalformedSpansError; nothing is read outside `buffer`.
 */
export function* wireFields(buffer: Buffer): Generator<WireField> {
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (pos >= buffer.length)
        throw new MalformedSpansError('protobuf: a varint runs past the end');
      const byte = buffer[pos++] ?? 0;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
    }
    throw new MalformedSpansError('protobuf: a varint longer than ten bytes');
  };
  const take = (length: number): Buffer => {
    if (length < 0 || pos + length > buffer.length) {
      throw new MalformedSpansError('protobuf: a field runs past the end of the body');
    }
    const out = buffer.subarray(pos, pos + length);
    pos += length;
    return out;
  };
  while (pos < buffer.length) {
    const key = varint();
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw new MalformedSpansError('protobuf: field number 0');
    if (wire === 0) yield { field, type: 'varint', value: varint() };
    else if (wire === 1) yield { field, type: 'fixed64', value: take(8) };
    else if (wire === 2) {
      const length = varint();
      if (length > BigInt(buffer.length)) {
        throw new MalformedSpansError('protobuf: a field runs past the end of the body');
      }
      yield { field, type: 'bytes', value: take(Number(length)) };
    } else if (wire === 5) yield { field, type: 'fixed32', value: take(4) };
    else throw new MalformedSpansError(`protobuf: wire type ${wire} is not read`);
  }
}
