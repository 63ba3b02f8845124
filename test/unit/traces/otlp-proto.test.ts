import { describe, expect, it } from 'vitest';
import { parseOtlpProtobuf } from '../../../src/main/traces/otlp-proto';
import { MalformedSpansError } from '../../../src/main/traces/span';
import { pbAttribute, pbMessage, type PbField } from '../../support/protobuf';

const TRACE = Buffer.from('0af7651916cd43dd8448eb211c80319c', 'hex');

function span(id: string, kind: number, extra: PbField[] = []): PbField {
  return [
    2,
    'message',
    [
      [1, 'bytes', TRACE],
      [2, 'bytes', Buffer.from(id, 'hex')],
      [5, 'bytes', 'GET /stock'],
      [6, 'varint', kind],
      [7, 'fixed64', 1_700_000_000_000_000_000n],
      [8, 'fixed64', 1_700_000_000_012_500_000n],
      ...extra,
    ],
  ];
}

function request(service: string | null, spans: PbField[], scopeField = 2): Buffer {
  const resource: PbField[] = service
    ? [
        [
          1,
          'message',
          [
            [
              1,
              'message',
              [
                [1, 'bytes', 'service.name'],
                [2, 'message', [[1, 'bytes', service]]],
              ],
            ],
          ],
        ],
      ]
    : [];
  return pbMessage([
    [
      1,
      'message',
      [...resource, [scopeField, 'message', [[1, 'message', [[1, 'bytes', 'fetch']]], ...spans]]],
    ],
  ]);
}

describe('OTLP/HTTP protobuf, decoded by hand', () => {
  it('reads ids, kind, nanosecond times, attributes of every type and the ERROR status', () => {
    const body = request('shop', [
      span('b7ad6b7169203331', 3, [
        pbAttribute('server.address', 'shop-db.prod.example.com'),
        pbAttribute('http.response.status_code', 503),
        [
          9,
          'message',
          [
            [1, 'bytes', 'sampled'],
            [2, 'message', [[2, 'varint', 1]]],
          ],
        ],
        [
          9,
          'message',
          [
            [1, 'bytes', 'ratio'],
            [2, 'message', [[4, 'double', 0.5]]],
          ],
        ],
      ]),
      span('c7ad6b7169203331', 2, [
        [4, 'bytes', Buffer.from('b7ad6b7169203331', 'hex')],
        [
          15,
          'message',
          [
            [2, 'bytes', 'boom'],
            [3, 'varint', 2],
          ],
        ],
      ]),
    ]);
    const { spans, rejected } = parseOtlpProtobuf(body);
    expect(rejected).toBe(0);
    expect(spans).toEqual([
      {
        traceId: '0af7651916cd43dd8448eb211c80319c',
        id: 'b7ad6b7169203331',
        parentId: null,
        kind: 'CLIENT',
        service: 'shop',
        remoteService: null,
        remoteHost: 'shop-db.prod.example.com',
        durationMs: 12.5,
        error: true,
        shared: false,
      },
      expect.objectContaining({ kind: 'SERVER', parentId: 'b7ad6b7169203331', error: true }),
    ]);
  });

  it('reads the older instrumentation_library_spans (field 1000), and rejects spans of a resource without service.name', () => {
    expect(parseOtlpProtobuf(request('old', [span('01', 3)], 1000)).spans).toHaveLength(1);
    expect(parseOtlpProtobuf(request(null, [span('01', 3)]))).toEqual({ spans: [], rejected: 1 });
  });

  it('takes an empty request, and refuses truncated or impossible wire data with MalformedSpansError', () => {
    expect(parseOtlpProtobuf(Buffer.alloc(0))).toEqual({ spans: [], rejected: 0 });
    const good = request('shop', [span('b7ad6b7169203331', 3)]);
    for (const bad of [
      good.subarray(0, good.length - 3),
      Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]),
      Buffer.from([0x0b]),
      Buffer.from([0x08, ...Array<number>(11).fill(0xff)]),
      Buffer.from([0x00, 0x01]),
    ]) {
      expect(() => parseOtlpProtobuf(bad)).toThrow(MalformedSpansError);
    }
  });
});
