import type { Socket } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LogLine } from '../../../src/shared/logs';
import { WS_PROTOCOL, WS_TOKEN_PREFIX } from '../../../src/shared/api/wire';
import { decodeEventFrame } from '../../../src/shared/api/wire-events';
import { SessionHub } from '../../../src/main/api/sessions';
import { LOG_HIGH_WATER } from '../../../src/main/server/socket-sender';
import { startServer, type RunningServer } from '../../../src/main/server/serve';
import { handlersWith } from '../../support/api';

const TOKEN = 'backpressure-token-0123';
const BATCHES = 1_500;
const LINES_PER_BATCH = 1_000;
// ~100 bytes a line: the flood is ~150 MB packed, far past what a socket may queue.
const TEXT = 'x'.repeat(96);

const batch = (n: number): LogLine[] =>
  Array.from({ length: LINES_PER_BATCH }, (_, i) => ({
    service: 'api',
    container: 'shop-api-1',
    stream: 'stdout' as const,
    timestamp: `2025-01-01T00:00:00.${String((n * LINES_PER_BATCH + i) % 1e9).padStart(9, '0')}Z`,
    text: TEXT,
  }));

describe('parity serve: a window that reads slower than a log flood', () => {
  let server: RunningServer | undefined;
  afterEach(() => server?.close());

  it('keeps the server queue bounded, drops log lines only, and tells the window how many', async () => {
    const sessions = new SessionHub();
    server = await startServer({
      api: { handlers: handlersWith({}), sessions },
      rendererDir: mkdtempSync(join(tmpdir(), 'parity-no-ui-')),
      port: 0,
      token: TOKEN,
    });
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`, [
      WS_PROTOCOL,
      WS_TOKEN_PREFIX + TOKEN,
    ]);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    let received = 0;
    let dropped = 0;
    const removed: string[] = [];
    ws.on('message', (data: Buffer) => {
      const frame = decodeEventFrame(JSON.parse(data.toString('utf8'))) as {
        event: string;
        payload: { lines?: unknown[]; dropped?: number; id?: string };
      };
      if (frame.event === 'logs.batch') {
        received += frame.payload.lines?.length ?? 0;
        dropped += frame.payload.dropped ?? 0;
      } else if (frame.event === 'project.removed') removed.push(frame.payload.id ?? '');
    });
    // The slow reader: the client stops reading from its TCP socket.
    const tcp = (ws as unknown as { _socket: Socket })._socket;
    tcp.pause();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    for (let n = 0; n < BATCHES; n++) {
      sessions.broadcast({ event: 'logs.batch', payload: { subscription: 's', lines: batch(n) } });
      if (n === BATCHES / 2)
        sessions.broadcast({ event: 'project.removed', payload: { id: 'middle' } });
      if (n % 50 === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
    }
    sessions.broadcast({ event: 'project.removed', payload: { id: 'last' } });
    // Queued for this one socket: a megabyte or so, not the flood's 150 MB.
    expect(peakRss - rssBefore).toBeLessThan(80 * 1024 * 1024);
    tcp.resume();
    const total = BATCHES * LINES_PER_BATCH;
    const deadline = Date.now() + 20_000;
    while (received + dropped < total && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    ws.close();
    // Every line is either shown or counted as dropped; most of the flood was dropped.
    expect(received + dropped).toBe(total);
    expect(dropped).toBeGreaterThan(total / 2);
    expect(received).toBeGreaterThanOrEqual(Math.floor(LOG_HIGH_WATER / 110));
    // Other events are never dropped.
    expect(removed).toEqual(['middle', 'last']);
  }, 60_000);
});
