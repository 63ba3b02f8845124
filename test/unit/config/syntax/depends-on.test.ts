import { describe, expect, it } from 'vitest';
import { normalizeDependsOn } from '../../../../src/main/config/syntax/depends-on';
import { SyntaxValueError } from '../../../../src/main/config/syntax/syntax-error';

const STARTED = { condition: 'service_started', required: true, restart: false };
const CONDITION = 'a condition: service_started, service_healthy, service_completed_successfully';

describe('normalizeDependsOn', () => {
  it('reads the list form as started and required', () => {
    expect(normalizeDependsOn(['db', 'redis'])).toEqual({ db: STARTED, redis: STARTED });
    expect(normalizeDependsOn([])).toEqual({});
  });

  it('reads the long form with required true and restart false unless written', () => {
    expect(
      normalizeDependsOn({
        db: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully', required: false, restart: true },
        cache: { condition: 'service_started', 'x-note': 'ignored' },
      }),
    ).toEqual({
      db: { condition: 'service_healthy', required: true, restart: false },
      migrate: { condition: 'service_completed_successfully', required: false, restart: true },
      cache: STARTED,
    });
    expect(normalizeDependsOn({})).toEqual({});
  });

  it('reads booleans written as text, as Compose converts them', () => {
    expect(
      normalizeDependsOn({
        db: { condition: 'service_started', required: 'false', restart: 'yes' },
      }),
    ).toEqual({
      db: { condition: 'service_started', required: false, restart: true },
    });
  });

  it('keeps a service called __proto__ as an ordinary key', () => {
    // JSON.parse makes an own __proto__ key, as the YAML reader does; a literal would not.
    const value = JSON.parse('{"__proto__": {"condition": "service_healthy"}}') as Record<
      string,
      unknown
    >;
    const parsed = normalizeDependsOn(value);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toEqual({
      condition: 'service_healthy',
      required: true,
      restart: false,
    });
  });

  it.each<[unknown, string, string]>([
    [['db', 'db'], 'db', 'each service listed once'],
    [[1], '1', 'a service name'],
    ['db', 'db', 'a list of service names, or a mapping of service names to { condition }'],
    [{ db: {} }, 'nothing', CONDITION],
    [{ db: { required: false } }, 'nothing', CONDITION],
    [{ db: { condition: 'service_ready' } }, 'service_ready', CONDITION],
    [{ db: null }, 'db: null', 'a mapping with a condition for "db"'],
    [{ db: 'service_healthy' }, 'db: service_healthy', 'a mapping with a condition for "db"'],
    [
      { db: { condition: 'service_started', wait: true } },
      'wait',
      'a key of depends_on.db: condition, required, restart',
    ],
    [
      { db: { condition: 'service_started', required: 'maybe' } },
      'maybe',
      'true or false for required',
    ],
    [{ db: { condition: 'service_started', restart: 1 } }, '1', 'true or false for restart'],
    [
      { 'my db': { condition: 'service_started' } },
      'my db',
      'a service name of letters, digits, ".", "_" or "-"',
    ],
  ])('refuses %j', (value, found, expected) => {
    expect(() => normalizeDependsOn(value as string[])).toThrow(
      new SyntaxValueError(found, expected),
    );
  });
});
