import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type RunningReceiver } from '../../../src/main/traces/receiver';
import { TraceHub } from '../../../src/main/traces/trace-hub';
import { pbAttribute, pbMessage } from '../../support/protobuf';

interface Reply {
  status: number;
  body: string;
}

// A raw POST, so tests can send what no well-behaved client would (lies in headers, bombs).
function post(
  url: string,
  body: Buffer | string,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, headers: { 'Content-Type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const LIMIT = 64 * 1024;

function zipkinCall(i: number, service = 'shop', remote = 'stock'): object[] {
  const id = (i + 1).toString(16).padStart(16, '0');
  return [
    {
      traceId: `aa${id}`,
      id,
      kind: 'CLIENT',
      duration: 5000,
      localEndpoint: { serviceName: service },
      remoteEndpoint: { serviceName: remote },
    },
  ];
}

describe('the span receiver over HTTP', () => {
  let hub: TraceHub;
  let receiver: RunningReceiver;

  beforeAll(async () => {
    hub = new TraceHub({ pairing: { waitMs: 200, maxPending: 1000 }, notifyMs: 10 });
    receiver = await startReceiver({
      sink: hub,
      ports: { zipkin: 0, otlp: 0 },
      maxBodyBytes: LIMIT,
    });
  });
  afterAll(async () => {
    await receiver.close();
    hub.close();
  });

  it('takes Zipkin spans with 202 and OTLP spans with 200 and an export response', async () => {
    expect(receiver.zipkinUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2\/spans$/);
    expect(await post(receiver.zipkinUrl, JSON.stringify(zipkinCall(0, 'web', 'api')))).toEqual({
      status: 202,
      body: '',
    });
    const otlp = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'web' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: 'ab',
                  spanId: 'cd',
                  kind: 3,
                  attributes: [{ key: 'peer.service', value: { stringValue: 'api' } }],
                },
                { spanId: 'x' },
              ],
            },
          ],
        },
      ],
    };
    const reply = await post(receiver.otlpUrl, JSON.stringify(otlp));
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({
      partialSuccess: { rejectedSpans: '1', errorMessage: 'spans without ids or service.name' },
    });
    expect(hub.edges().find((e) => e.from === 'web')).toMatchObject({
      to: { name: 'api' },
      calls: 2,
    });
  });

  it('takes OTLP protobuf, answering an empty ExportTraceServiceResponse in protobuf', async () => {
    const body = pbMessage([
      [
        1,
        'message',
        [
          [
            1,
            'message',
            [
              [
                1,
                'message',
                [
                  [1, 'bytes', 'service.name'],
                  [2, 'message', [[1, 'bytes', 'proto']]],
                ],
              ],
            ],
          ],
          [
            2,
            'message',
            [
              [
                2,
                'message',
                [
                  [1, 'bytes', Buffer.alloc(16, 1)],
                  [2, 'bytes', Buffer.alloc(8, 2)],
                  [6, 'varint', 3],
                  pbAttribute('peer.service', 'api'),
                ],
              ],
            ],
          ],
        ],
      ],
    ]);
    const reply = await new Promise<{ status: number; type: string | undefined; length: number }>(
      (resolve, reject) => {
        const req = request(
          receiver.otlpUrl,
          { method: 'POST', headers: { 'Content-Type': 'application/x-protobuf' } },
          (res) => {
            let length = 0;
            res.on('data', (chunk: Buffer) => (length += chunk.length));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], length }),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      },
    );
    expect(reply).toEqual({ status: 200, type: 'application/x-protobuf', length: 0 });
    expect(hub.edges().find((e) => e.from === 'proto')).toMatchObject({
      to: { kind: 'service', name: 'api' },
      calls: 1,
    });
  });

  it('answers 400 with what it expected to malformed bodies, and 404, 405, 415 to the wrong request', async () => {
    expect(await post(receiver.zipkinUrl, '{"a":1}')).toEqual({
      status: 400,
      body: 'expected a JSON array of Zipkin v2 spans\n',
    });
    expect((await post(receiver.otlpUrl, 'not json')).status).toBe(400);
    expect(
      (await post(receiver.zipkinUrl.replace('/api/v2/spans', '/api/v1/spans'), '[]')).status,
    ).toBe(404);
    expect((await post(receiver.zipkinUrl, '', {}, 'GET')).status).toBe(405);
    const protobuf = await post(receiver.otlpUrl, Buffer.from([0x0a, 0x05, 0x01]), {
      'Content-Type': 'application/x-protobuf',
    });
    expect(protobuf).toEqual({
      status: 400,
      body: 'protobuf: a field runs past the end of the body\n',
    });
    expect((await post(receiver.otlpUrl, '{}', { 'Content-Type': 'text/xml' })).status).toBe(415);
    expect((await post(receiver.zipkinUrl, '[]', { 'Content-Encoding': 'br' })).status).toBe(415);
    expect((await post(receiver.zipkinUrl, 'garbage', { 'Content-Encoding': 'gzip' })).status).toBe(
      400,
    );
  });

  it('answers 413 past the size limit: declared, streamed, or unzipped from a small bomb', async () => {
    const big = Buffer.alloc(LIMIT + 1, 32);
    expect((await post(receiver.zipkinUrl, big)).status).toBe(413);
    expect((await post(receiver.zipkinUrl, big, { 'Transfer-Encoding': 'chunked' })).status).toBe(
      413,
    );
    const bomb = gzipSync(Buffer.alloc(LIMIT * 20, 32));
    expect(bomb.length).toBeLessThan(LIMIT);
    expect((await post(receiver.zipkinUrl, bomb, { 'Content-Encoding': 'gzip' })).status).toBe(413);
    const small = gzipSync(JSON.stringify(zipkinCall(7, 'gz', 'api')));
    expect((await post(receiver.zipkinUrl, small, { 'Content-Encoding': 'gzip' })).status).toBe(
      202,
    );
  });

  it('counts every call of 40 concurrent senders exactly', async () => {
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        post(receiver.zipkinUrl, JSON.stringify(zipkinCall(100 + i, 'many', 'stock'))),
      ),
    );
    expect(replies.every((r) => r.status === 202)).toBe(true);
    expect(hub.edges().find((e) => e.from === 'many')).toMatchObject({
      calls: 40,
      failures: 0,
      p95Ms: 5,
    });
  });

  it('survives fuzzed bodies: every one is answered with 2xx or 4xx, and it still takes spans after', async () => {
    const shapes = [
      () => randomBytes(200),
      () => JSON.stringify([null, [], {}, { traceId: {}, id: [], localEndpoint: 'x', tags: [1] }]),
      () =>
        JSON.stringify({
          resourceSpans: [
            null,
            { scopeSpans: {} },
            { resource: 5, scopeSpans: [{ spans: [null, 1, 'x'] }] },
          ],
        }),
      () =>
        JSON.stringify([
          {
            traceId: 'a'.repeat(10_000),
            id: 'b',
            localEndpoint: { serviceName: 'x'.repeat(10_000) },
          },
        ]),
      () => '['.repeat(50_000),
      () =>
        JSON.stringify({
          resourceSpans: [
            {
              resource: { attributes: [{ key: 'service.name', value: { stringValue: 'f' } }] },
              scopeSpans: [
                {
                  spans: [
                    {
                      traceId: 'ab',
                      spanId: 'cd',
                      startTimeUnixNano: '9'.repeat(20),
                      endTimeUnixNano: -1,
                      status: { code: {} },
                    },
                  ],
                },
              ],
            },
          ],
        }),
    ];
    for (let round = 0; round < 10; round++) {
      for (const shape of shapes) {
        for (const [url, type] of [
          [receiver.zipkinUrl, 'application/json'],
          [receiver.otlpUrl, 'application/json'],
          [receiver.otlpUrl, 'application/x-protobuf'],
        ] as const) {
          const reply = await post(url, shape(), { 'Content-Type': type });
          expect(
            reply.status,
            `${url} answered ${reply.status}: ${reply.body}`,
          ).toBeGreaterThanOrEqual(200);
          expect(reply.status).toBeLessThan(500);
        }
      }
    }
    expect(
      (await post(receiver.zipkinUrl, JSON.stringify(zipkinCall(999, 'after', 'api')))).status,
    ).toBe(202);
  });
});
