import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EventCursor, timestampToNanos } from '../../../src/main/engine/event-cursor';
import { parseEventStream, type ContainerEvent } from '../../../src/main/engine/event-stream';

const at = (nanos: number): string => `2024-05-06T07:08:09.${String(nanos).padStart(9, '0')}Z`;
const event = (id: string, action: string, nanos: number) => ({ id, action, time: at(nanos) });

describe('EventCursor', () => {
  it('resumes a window before the newest event and drops the replays of those delivered', () => {
    const cursor = new EventCursor(1000n);
    expect(cursor.since()).toBeNull();
    expect(cursor.accept(event('a', 'start', 5000))).toBe(true);
    expect(cursor.accept(event('b', 'start', 7000))).toBe(true);
    // Stamped before b but published after it: still delivered.
    expect(cursor.accept(event('c', 'die', 6500))).toBe(true);
    expect(cursor.since()).toBe('1714979289.000006000');
    // The resumed stream replays from 6000 on: c and b were delivered, d is new.
    expect(cursor.accept(event('c', 'die', 6500))).toBe(false);
    expect(cursor.accept(event('b', 'start', 7000))).toBe(false);
    expect(cursor.accept(event('b', 'die', 7000))).toBe(true);
    expect(cursor.accept(event('d', 'start', 7500))).toBe(true);
    expect(cursor.since()).toBe('1714979289.000006500');
  });

  it('forgets what fell out of the window', () => {
    const cursor = new EventCursor(1000n);
    cursor.accept(event('a', 'start', 1000));
    cursor.accept(event('a', 'die', 5000));
    // Outside any resume's reach now, so it could not come again.
    expect(cursor.accept(event('a', 'start', 1000))).toBe(true);
  });

  it('resumes from when the stream opened, by the engine clock, until an event is seen', () => {
    const cursor = new EventCursor();
    cursor.opened(null);
    expect(cursor.since()).toBeNull();
    cursor.opened('1714979289');
    expect(cursor.since()).toBe('1714979288.000000000');
    cursor.opened('1714979999');
    expect(cursor.since()).toBe('1714979288.000000000');
  });
});

describe('event times', () => {
  it('keeps every nanosecond digit the engine sent, which a JSON number cannot', () => {
    const stream = new PassThrough();
    const events: ContainerEvent[] = [];
    parseEventStream(stream, (e) => events.push(e));
    stream.write(
      '{"status":"start","id":"abc","Type":"container","Action":"start","Actor":{"ID":"abc",' +
        '"Attributes":{"name":"p-web-1"}},"scope":"local","time":1714979289,' +
        '"timeNano":1714979289123456789}\n',
    );
    expect(events[0]?.time).toBe('2024-05-06T07:08:09.123456789Z');
    expect(timestampToNanos(events[0]?.time ?? '')).toBe(1714979289123456789n);
    expect(String(events[0]?.timeNano)).not.toBe('1714979289123456789');
  });
});
