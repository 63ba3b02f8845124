import { describe, expect, it } from 'vitest';
import { parseBytes, parseCpus } from '../../../../src/main/config/syntax/bytes';
import { SyntaxValueError } from '../../../../src/main/config/syntax/syntax-error';

const MIB = 1024 ** 2;
const EXPECTED_BYTES =
  'a size in bytes, optionally with a unit b, k, m, g, t or p (like "512m", "1.5g" or "256MiB")';

describe('parseBytes', () => {
  it.each([
    ['512m', 512 * MIB],
    ['512M', 512 * MIB],
    ['512mb', 512 * MIB],
    ['512MB', 512 * MIB],
    ['512MiB', 512 * MIB],
    ['512mib', 512 * MIB],
    ['512 m', 512 * MIB],
    ['2k', 2_048],
    ['1g', 1024 ** 3],
    ['1.5g', 1.5 * 1024 ** 3],
    ['1t', 1024 ** 4],
    ['1p', 1024 ** 5],
    ['100', 100],
    ['100b', 100],
    ['100B', 100],
    ['0', 0],
    ['1e3', 1_000],
    // A plain integer is tried first, which lets "-1" (unlimited swap) through.
    ['-1', -1],
    // Sizes truncate to whole bytes.
    ['0.5k', 512],
    ['1.7', 1],
  ])('reads %s as %d bytes', (text, bytes) => {
    expect(parseBytes(text)).toBe(bytes);
  });

  it('takes a YAML integer as bytes, and reads other numbers through their text', () => {
    expect(parseBytes(1_073_741_824)).toBe(1_073_741_824);
    expect(parseBytes(-1)).toBe(-1);
    expect(parseBytes(1.5)).toBe(1);
  });

  it.each([
    '',
    'abc',
    'm',
    '512x',
    '512mbb',
    '512bm',
    '512kibb',
    '512  m',
    '-1m',
    '1.5.5m',
    '1,5g',
  ])('refuses %j', (text) => {
    expect(() => parseBytes(text)).toThrow(new SyntaxValueError(text, EXPECTED_BYTES));
  });
});

describe('parseCpus', () => {
  it.each([
    ['0.5', 0.5],
    ['.5', 0.5],
    ['2', 2],
    ['1.5', 1.5],
    ['1e1', 10],
    [1.5, 1.5],
    [2, 2],
  ])('reads %j as %d cores', (value, cpus) => {
    expect(parseCpus(value)).toBe(cpus);
  });

  it.each([['half'], [''], ['1,5'], [' 1'], ['Infinity'], ['NaN'], [Number.NaN]])(
    'refuses %j',
    (value) => {
      expect(() => parseCpus(value)).toThrow(
        new SyntaxValueError(String(value), 'a number of CPUs, like 0.5 or "1.5"'),
      );
    },
  );
});
