import { describe, expect, it } from 'vitest';
import { dismissalKey, groupProblems } from './problem-groups';

const at = (line: number) => ({ file: 'compose.yaml', line, column: 5 });

describe('groupProblems', () => {
  it('makes one group of the same warning in every service, with each place, errors first', () => {
    const groups = groupProblems([
      { severity: 'warning', message: 'unknown key "labelz" in service "a"', position: at(4) },
      { severity: 'warning', message: 'unknown key "labelz" in service "b"', position: at(8) },
      { severity: 'error', message: 'a bad port', position: at(9) },
    ]);
    expect(groups).toEqual([
      { severity: 'error', message: 'a bad port', places: ['compose.yaml:9:5'], count: 1 },
      {
        severity: 'warning',
        message: 'unknown key "labelz" in a service',
        places: ['compose.yaml:4:5', 'compose.yaml:8:5'],
        count: 2,
      },
    ]);
  });
});

describe('dismissalKey', () => {
  it('changes with the problems (a new version of the files) and with the project', () => {
    const one = [{ severity: 'warning' as const, message: 'x', position: at(1) }];
    const two = [{ severity: 'warning' as const, message: 'x', position: at(2) }];
    expect(dismissalKey('/p', one)).toBe(dismissalKey('/p', one));
    expect(dismissalKey('/p', one)).not.toBe(dismissalKey('/p', two));
    expect(dismissalKey('/p', one)).not.toBe(dismissalKey('/q', one));
  });
});
