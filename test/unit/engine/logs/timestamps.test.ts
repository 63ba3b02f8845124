import { describe, expect, it } from 'vitest';
import {
  laterTimestamp,
  normalizeTimestamp,
  parseSince,
  timestampToSince,
} from '../../../../src/main/engine/logs/timestamps';
import { LogLineSchema } from '../../../../src/shared/logs';

describe('timestamps', () => {
  it('normalizes RFC 3339 to UTC with nine fraction digits, valid for the line schema', () => {
    const normalized = normalizeTimestamp('2024-05-06T07:08:09.123456789Z');
    expect(normalized).toBe('2024-05-06T07:08:09.123456789Z');
    expect(normalizeTimestamp('2024-05-06T07:08:09.1-01:30')).toBe(
      '2024-05-06T08:38:09.100000000Z',
    );
    expect(normalizeTimestamp('2024-13-06T07:08:09Z')).toBeNull();
    expect(normalizeTimestamp('yesterday')).toBeNull();
    const line = { service: 's', container: 'c', stream: 'stdout', text: '' };
    expect(LogLineSchema.safeParse({ ...line, timestamp: normalized }).success).toBe(true);
  });

  it('gives the engine since as Unix seconds with nanoseconds', () => {
    expect(timestampToSince('2024-05-06T07:08:09.123456789Z')).toBe('1714979289.123456789');
  });

  it('picks the later of two timestamps', () => {
    expect(laterTimestamp(null, undefined)).toBeNull();
    expect(laterTimestamp('2024-01-01T00:00:00.000000001Z', null)).toBe(
      '2024-01-01T00:00:00.000000001Z',
    );
    expect(laterTimestamp('2024-01-01T00:00:00.000000001Z', '2024-01-01T00:00:00.000000002Z')).toBe(
      '2024-01-01T00:00:00.000000002Z',
    );
  });

  it('reads --since as docker logs does', () => {
    const now = new Date('2024-05-06T12:00:00.000Z');
    expect(parseSince('42m', now)).toBe('2024-05-06T11:18:00.000000000Z');
    expect(parseSince('1h30m', now)).toBe('2024-05-06T10:30:00.000000000Z');
    expect(parseSince('1.5s', now)).toBe('2024-05-06T11:59:58.500000000Z');
    expect(parseSince('1714979289.5', now)).toBe('2024-05-06T07:08:09.500000000Z');
    expect(parseSince('2013-01-02T13:23:37Z', now)).toBe('2013-01-02T13:23:37.000000000Z');
    expect(parseSince('2013-01-02T13:23:37', now)).toBe(
      `${new Date(2013, 0, 2, 13, 23, 37).toISOString().slice(0, 23)}000000Z`,
    );
    expect(parseSince('2013-01-02', now)).toBe(
      `${new Date(2013, 0, 2).toISOString().slice(0, 23)}000000Z`,
    );
    expect(() => parseSince('soon', now)).toThrow(/cannot read "soon" as a time/);
    expect(() => parseSince('5x', now)).toThrow();
    expect(() => parseSince('', now)).toThrow();
  });

  it('takes the engine form within a second already read as it is, and checks any other', () => {
    expect(normalizeTimestamp('2024-05-06T07:08:09.123456789Z')).toBe(
      '2024-05-06T07:08:09.123456789Z',
    );
    expect(normalizeTimestamp('2024-05-06T07:08:09.987654321Z')).toBe(
      '2024-05-06T07:08:09.987654321Z',
    );
    expect(normalizeTimestamp('2024-05-06T07:08:09.98765432xZ')).toBeNull();
    expect(normalizeTimestamp('2024-05-06T07:08:09.9876543210')).toBeNull();
    expect(normalizeTimestamp('2024-05-06T07:08:10.000000001Z')).toBe(
      '2024-05-06T07:08:10.000000001Z',
    );
  });
});
