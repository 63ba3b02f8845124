import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../../src/main/config/dotenv';

// .env files written to make a parser quadratic: each is read within seconds, with the values
// and positions Compose would give.
function timed<T>(work: () => T): T {
  const started = performance.now();
  const result = work();
  expect(performance.now() - started).toBeLessThan(5_000);
  return result;
}

const none = (): undefined => undefined;

describe('parseDotenv on hostile files', () => {
  it('trims 500,000 trailing spaces of a value and of a name in linear time', () => {
    const spaces = ' '.repeat(500_000);
    const text = `A=x${spaces}y${spaces}\nB${spaces}=1\n`;
    const { entries, problems } = timed(() => parseDotenv(text, none));
    expect(problems).toEqual([]);
    expect(entries.map(({ key, value, line }) => [key, value.length, line])).toEqual([
      ['A', 500_002, 1],
      ['B', 1, 2],
    ]);
  });

  it('reads a double-quoted value of 300,000 escapes without overflowing the stack', () => {
    const { entries } = timed(() => parseDotenv(`A="${'x\\n'.repeat(300_000)}"\n`, none));
    expect(entries[0]?.value).toBe('x\n'.repeat(300_000));
  });

  it('positions 100,000 variables by their lines in linear time', () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `K${i}=${i}`).join('\n');
    const { entries } = timed(() => parseDotenv(text, none));
    expect(entries[99_999]).toEqual({ key: 'K99999', value: '99999', line: 100_000, column: 1 });
  });

  it('refuses a line longer than 1 MiB at that line', () => {
    const { entries, problems } = timed(() =>
      parseDotenv(`A=1\nB=${'x'.repeat(2 * 1024 * 1024)}\n`, none),
    );
    expect(entries).toEqual([]);
    expect(problems).toEqual([
      {
        severity: 'error',
        message: expect.stringMatching(
          /^found a line of \d+ characters, expected at most/,
        ) as string,
        line: 2,
        column: 1024 * 1024 + 1,
      },
    ]);
  });
});
