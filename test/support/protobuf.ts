// A protobuf writer for tests: enough of the wire format to build OTLP requests by field number,
// so the receiver's hand-written decoder is checked against bytes encoded independently of it.

/** One field to write: a number, a nested message, bytes or text, a 64-bit value or a double. */
export type PbField =
  | [field: number, 'varint', number | bigint]
  | [field: number, 'fixed64', bigint]
  | [field: number, 'double', number]
  | [field: number, 'bytes', Uint8Array | string]
  | [field: number, 'message', PbField[]];

function varint(value: number | bigint): Buffer {
  let rest = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  while (rest >= 0x80n) {
    bytes.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  bytes.push(Number(rest));
  return Buffer.from(bytes);
}

/** The encoded message. */
export function pbMessage(fields: readonly PbField[]): Buffer {
  return Buffer.concat(
    fields.map(([field, type, value]) => {
      if (type === 'varint') return Buffer.concat([varint(field << 3), varint(value)]);
      if (type === 'fixed64' || type === 'double') {
        const out = Buffer.alloc(8);
        if (type === 'fixed64') out.writeBigUInt64LE(value);
        else out.writeDoubleLE(value);
        return Buffer.concat([varint((field << 3) | 1), out]);
      }
      const body = type === 'message' ? pbMessage(value) : Buffer.from(value);
      return Buffer.concat([varint((field << 3) | 2), varint(body.length), body]);
    }),
  );
}

/** An OTLP KeyValue with a string value. */
export function pbAttribute(key: string, value: string | number): PbField {
  return [
    9,
    'message',
    [
      [1, 'bytes', key],
      [2, 'message', [typeof value === 'string' ? [1, 'bytes', value] : [3, 'varint', value]]],
    ],
  ];
}
