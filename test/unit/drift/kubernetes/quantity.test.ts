import { describe, expect, it } from 'vitest';
import {
  expandReferences,
  parseCpuQuantity,
  parseMemoryQuantity,
  parseQuantity,
} from '../../../../src/main/drift/kubernetes';

describe('parseQuantity (Kubernetes, not Compose)', () => {
  it.each([
    ['500m', 0.5],
    ['2', 2],
    ['0.5', 0.5],
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['512M', 512_000_000],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1.5k', 1500],
    ['100u', 0.0001],
    ['3n', 3e-9],
    ['2Ki', 2048],
    ['1E', 1e18],
    ['.5', 0.5],
    ['+1', 1],
  ])('reads %s as %d', (text, value) => {
    expect((parseQuantity(text) ?? 0) / value).toBeCloseTo(1, 12);
  });

  it.each(['', 'm', '1mi', '1 Gi', '1KB', '1e', 'lots', '1.2.3'])('rejects %j', (text) => {
    expect(parseQuantity(text)).toBeNull();
  });

  it('takes YAML numbers as they are', () => {
    expect(parseQuantity(2)).toBe(2);
    expect(parseQuantity(0.25)).toBe(0.25);
    expect(parseQuantity(Number.NaN)).toBeNull();
  });

  it('keeps CPU to the millicore, rounding up as the API server does', () => {
    expect(parseCpuQuantity('99m')).toBe(0.099);
    expect(parseCpuQuantity('0.0001')).toBe(0.001);
    expect(parseCpuQuantity('300m')).toBe(0.3);
    expect(parseCpuQuantity('-1')).toBeNull();
  });

  it('rounds memory up to a whole byte, so "128m" is 1 byte, not 128 MiB', () => {
    expect(parseMemoryQuantity('128m')).toBe(1);
    expect(parseMemoryQuantity('1.1M')).toBe(1_100_000);
    expect(parseMemoryQuantity('1000Mi')).toBe(1000 * 2 ** 20);
  });
});

describe('expandReferences (the kubelet $(VAR) syntax)', () => {
  const vars: Record<string, string> = { A: 'one', EMPTY: '' };
  const expand = (text: string): string => expandReferences(text, (name) => vars[name]);

  it.each([
    ['$(A)', 'one'],
    ['x$(A)y$(A)', 'xoneyone'],
    ['$(EMPTY)|', '|'],
    ['$(B)', '$(B)'],
    ['$$(A)', '$(A)'],
    ['$$$(A)', '$one'],
    ['$$', '$'],
    ['$A', '$A'],
    ['$', '$'],
    ['a$', 'a$'],
    ['$(A', '$(A'],
    ['$()', '$()'],
  ])('expands %j to %j', (input, output) => {
    expect(expand(input)).toBe(output);
  });
});
