import { describe, expect, it } from 'vitest';
import { parseLogQuery } from './log-query';

describe('parseLogQuery', () => {
  it('matches plain text anywhere, ignoring case, special characters taken literally', () => {
    const query = parseLogQuery('GET /a.b');
    expect(query.error).toBeNull();
    expect(query.test('get /a.b 200')).toBe(true);
    expect(query.test('GET /axb')).toBe(false);
    expect(query.ranges('x get /A.B and GET /a.b')).toEqual([
      [2, 10],
      [15, 23],
    ]);
  });

  it('reads /regex/flags, case-sensitive unless i is given', () => {
    const query = parseLogQuery('/err(or)?\\s\\d+/');
    expect(query.test('error 42')).toBe(true);
    expect(query.test('ERROR 42')).toBe(false);
    expect(query.ranges('err 1, error 22')).toEqual([
      [0, 5],
      [7, 15],
    ]);
    expect(parseLogQuery('/ERROR/i').test('an error')).toBe(true);
  });

  it('says why a regex is invalid and matches nothing', () => {
    const query = parseLogQuery('/(unclosed/');
    expect(query.error).toBe('Unterminated group');
    expect(query.test('(unclosed')).toBe(false);
    expect(parseLogQuery('/x/q').error).toMatch(/flags/i);
  });

  it('treats a lone or unclosed slash as text', () => {
    expect(parseLogQuery('/').test('a/b')).toBe(true);
    expect(parseLogQuery('/api').test('GET /api/orders')).toBe(true);
  });

  it('does not loop on zero-width matches and highlights nothing for them', () => {
    const query = parseLogQuery('/^|x*/');
    expect(query.test('abc')).toBe(true);
    expect(query.ranges('abxc')).toEqual([[2, 3]]);
  });

  it('matches everything when empty', () => {
    const query = parseLogQuery('');
    expect([query.test('anything'), query.ranges('anything'), query.error]).toEqual([
      true,
      [],
      null,
    ]);
  });
});
