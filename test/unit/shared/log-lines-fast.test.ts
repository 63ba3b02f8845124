import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastEventParsers } from '../../../src/shared/api/event-contract';
import { LogLineSchema, parseLogLinesFast } from '../../../src/shared/logs';

const line = {
  service: 'web',
  container: 'demo-web-1',
  stream: 'stdout',
  timestamp: '2026-11-27T10:33:00.123456789Z',
  text: 'hello',
};
const schema = z.array(LogLineSchema);

describe('parseLogLinesFast', () => {
  it('gives what the schema gives for the lines it accepts', () => {
    const inputs = [
      [],
      [line],
      [{ ...line, stream: 'stderr', truncated: true }],
      [{ ...line, truncated: false, extra: 'dropped' }],
      [line, { ...line, timestamp: '2024-02-29T23:59:59Z', text: '' }],
    ];
    for (const input of inputs) {
      expect(parseLogLinesFast(input)).toStrictEqual(schema.parse(input));
    }
  });

  it('declines whatever the schema rejects, and what it would not give the same', () => {
    const inputs: unknown[] = [
      null,
      'lines',
      { 0: line },
      [null],
      [[line]],
      [{ ...line, stream: 'stdin' }],
      [{ ...line, text: 1 }],
      [{ ...line, service: undefined }],
      [{ ...line, timestamp: '2026-11-27 10:33:00Z' }],
      [{ ...line, timestamp: '2023-02-29T10:33:00Z' }],
      [{ ...line, timestamp: '2026-11-27T10:33:00+01:00' }],
      [{ ...line, truncated: 'yes' }],
      [{ ...line, truncated: undefined }],
    ];
    for (const input of inputs) expect(parseLogLinesFast(input), JSON.stringify(input)).toBeNull();
  });
});

describe('the fast logs.batch validator', () => {
  const parse = fastEventParsers['logs.batch'];

  it('gives the payload the schema gives', () => {
    const payload = { subscription: 's1', lines: [line], other: 1 };
    expect(parse?.(payload)).toStrictEqual({ subscription: 's1', lines: [line] });
  });

  it('declines a payload without a subscription or lines', () => {
    expect(parse?.({ lines: [line] })).toBeNull();
    expect(parse?.({ subscription: 's1' })).toBeNull();
    expect(parse?.([line])).toBeNull();
  });
});
