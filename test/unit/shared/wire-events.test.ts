import { describe, expect, it, vi } from 'vitest';
import { createEventClient } from '../../../src/shared/api/event-client';
import type { ApiEventPayload } from '../../../src/shared/api/event-contract';
import { decodeEventFrame, encodeEventFrame } from '../../../src/shared/api/wire-events';

const line = {
  service: 'web',
  container: 'demo-web-1',
  stream: 'stdout' as const,
  timestamp: '2026-11-27T10:33:00.123456789Z',
  text: 'hello',
};

/** What an event client delivers for one received frame text. */
function received(text: string): ApiEventPayload<'logs.batch'>[] {
  const got: ApiEventPayload<'logs.batch'>[] = [];
  let deliver: (frame: unknown) => void = () => undefined;
  const events = createEventClient((listener) => {
    deliver = listener;
    return () => undefined;
  });
  events.on('logs.batch', (payload) => got.push(payload));
  deliver(decodeEventFrame(JSON.parse(text)));
  return got;
}

describe('the packed logs.batch frame', () => {
  it('unpacks into the batch that was packed, each source named once', () => {
    const lines = [
      line,
      { ...line, stream: 'stderr' as const, text: 'oops', truncated: true },
      { ...line, service: 'db', container: 'demo-db-1', text: '' },
      { ...line, text: 'again' },
    ];
    const text = encodeEventFrame({ event: 'logs.batch', payload: { subscription: 's1', lines } });
    expect(text.match(/demo-web-1/g)).toHaveLength(2);
    expect(decodeEventFrame(JSON.parse(text))).toStrictEqual({
      event: 'logs.batch',
      payload: { subscription: 's1', lines },
    });
    expect(received(text)).toStrictEqual([{ subscription: 's1', lines }]);
  });

  it('sends each timestamp only from where it differs from the one before, and restores it', () => {
    const stamps = [
      '2026-11-27T10:33:00.123456789Z',
      '2026-11-27T10:33:00.123456790Z',
      '2026-11-27T10:33:00.123456790Z',
      '2026-11-27T10:33:01.000000001Z',
      '2026-11-27T23:59:59.999999999Z',
      '2026-11-28T00:00:00.000000000Z',
      '2026-12-01T00:00:00.000000000Z',
    ];
    const lines = stamps.map((timestamp, i) => ({ ...line, timestamp, text: `line ${i}` }));
    const text = encodeEventFrame({ event: 'logs.batch', payload: { subscription: 's1', lines } });
    const sent = (JSON.parse(text) as { payload: { lines: unknown[] } }).payload.lines;
    expect(sent.filter((_, i) => i % 3 === 1)).toEqual([
      '2026-11-27T10:33:00.123456789Z',
      '90Z',
      '',
      '1.000000001Z',
      '23:59:59.999999999Z',
      '2026-11-28T00:00:00.000000000Z',
      '2026-12-01T00:00:00.000000000Z',
    ]);
    expect(received(text)).toStrictEqual([{ subscription: 's1', lines }]);
  });

  it('drops a batch whose first timestamp is only an end', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const frame = {
      packed: 'logs.batch',
      payload: { subscription: 's1', sources: [['a', 'b', 'stdout']], lines: [0, '90Z', 'x'] },
    };
    expect(received(JSON.stringify(frame))).toStrictEqual([]);
  });

  it('carries the count of lines the server dropped, through the event client', () => {
    const text = encodeEventFrame({
      event: 'logs.batch',
      payload: { subscription: 's1', lines: [], dropped: 5000 },
    });
    expect(received(text)).toEqual([{ subscription: 's1', lines: [], dropped: 5000 }]);
    // A count that is not one drops the batch.
    const bad = JSON.stringify({
      event: 'logs.batch',
      payload: { subscription: 's1', lines: [], dropped: -1 },
    });
    expect(received(bad)).toEqual([]);
  });

  it('leaves other events as they are', () => {
    const event = { event: 'project.removed' as const, payload: { id: 'demo' } };
    expect(JSON.parse(encodeEventFrame(event))).toStrictEqual(event);
    expect(decodeEventFrame(event)).toBe(event);
  });

  it('unpacks a malformed frame into one the event client drops', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const frames = [
      { packed: 'logs.batch', payload: { subscription: 's1', sources: [], lines: [0, 'x', 'y'] } },
      { packed: 'logs.batch', payload: { subscription: 's1', sources: [['a']], lines: [0, 1, 2] } },
      { packed: 'logs.batch', payload: { subscription: 's1', sources: [], lines: [0] } },
      { packed: 'logs.batch', payload: { sources: [['a', 'b', 'stdout']], lines: [] } },
      { packed: 'logs.other', payload: {} },
    ];
    for (const frame of frames) expect(received(JSON.stringify(frame))).toStrictEqual([]);
  });
});
