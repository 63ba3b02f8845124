import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../../src/main/config/syntax/duration';
import { SyntaxValueError } from '../../../../src/main/config/syntax/syntax-error';

const EXPECTED = 'a duration with a unit, like "1m30s", "10s" or "500ms"';

describe('parseDuration', () => {
  it.each([
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['2h45m', 9_900_000],
    ['500ms', 500],
    ['2.5s', 2_500],
    ['.5s', 500],
    ['1.s', 1_000],
    ['10us', 0.01],
    ['10\u00b5s', 0.01],
    ['10\u03bcs', 0.01],
    ['100ns', 0.0001],
    ['0', 0],
    ['0s', 0],
    ['-0', 0],
    ['+5s', 5_000],
    ['-1.5h', -5_400_000],
    // go-str2duration, which Compose uses, adds days and weeks to Go's units.
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    // Go truncates a fraction to whole nanoseconds.
    ['1.0000000001s', 1_000],
    ['1.5ns', 0.000001],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['10', EXPECTED],
    ['', EXPECTED],
    ['s', EXPECTED],
    ['.s', EXPECTED],
    ['1 s', EXPECTED],
    [' 10s', EXPECTED],
    ['10S', EXPECTED],
    ['10sec', EXPECTED],
    ['1.2.3s', EXPECTED],
    ['-', EXPECTED],
    ['1h-5m', EXPECTED],
    ['9999999999999h', EXPECTED],
  ])('refuses %j', (text, expected) => {
    expect(() => parseDuration(text)).toThrow(new SyntaxValueError(text, expected));
  });

  it('refuses a YAML number, even 0: the Compose schema types durations as strings', () => {
    for (const value of [10, 0, 1.5]) {
      expect(() => parseDuration(value)).toThrow(
        new SyntaxValueError(String(value), `${EXPECTED} (a bare number is not a duration)`),
      );
    }
  });
});

describe('formatDuration', () => {
  it.each([
    [90_000, '1m30s'],
    [2_000, '2s'],
    [500, '500ms'],
    [0, '0s'],
    [2_500, '2.5s'],
    [61_500, '1m1.5s'],
    // Go writes the smaller units once a larger one is there.
    [3_600_000, '1h0m0s'],
    [5_400_000, '1h30m0s'],
    [86_400_000, '24h0m0s'],
    [1.5, '1.5ms'],
    [0.01, '10\u00b5s'],
    [0.0015, '1.5\u00b5s'],
    [0.0001, '100ns'],
    [-2_000, '-2s'],
  ])('prints %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    for (const text of ['1m30s', '10s', '500ms', '1h0m0s', '2.5s', '1m1.5s', '10\u00b5s']) {
      expect(formatDuration(parseDuration(text))).toBe(text);
    }
  });
});
