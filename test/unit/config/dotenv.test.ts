import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../../src/main/config/dotenv';

function parse(text: string, env: Record<string, string> = {}) {
  return parseDotenv(text, (name) => (Object.hasOwn(env, name) ? env[name] : undefined));
}

function values(text: string, env: Record<string, string> = {}): Record<string, string> {
  const { entries, problems } = parse(text, env);
  expect(problems).toEqual([]);
  return Object.fromEntries(entries.map((entry) => [entry.key, entry.value]));
}

const notSet = (name: string) => `The "${name}" variable is not set. Defaulting to a blank string.`;

// Most cases are compose-go's own (dotenv/godotenv_test.go and its fixtures).
describe('parseDotenv: values', () => {
  it.each([
    ['an unquoted value', 'FOO=bar', 'FOO', 'bar'],
    ['spaces before "="', 'FOO =bar', 'FOO', 'bar'],
    ['spaces after "="', 'FOO= bar', 'FOO', 'bar'],
    ['trailing spaces trimmed', 'FOO=bar  ', 'FOO', 'bar'],
    ['a double-quoted value', 'FOO="bar"', 'FOO', 'bar'],
    ['a single-quoted value', "FOO='bar'", 'FOO', 'bar'],
    ['an escaped double quote', 'FOO="escaped\\"bar"', 'FOO', 'escaped"bar'],
    ['single quotes inside double', `FOO="'d'"`, 'FOO', "'d'"],
    ['an escaped single quote', "FOO='it\\'s'", 'FOO', "it's"],
    ['a YAML-style line', 'OPTION_A: 1', 'OPTION_A', '1'],
    ['a YAML-style line with "="', 'OPTION_A: Foo=bar', 'OPTION_A', 'Foo=bar'],
    ['a ":" in a value', 'OPTION_A=1:B', 'OPTION_A', '1:B'],
    [
      'a URL',
      'DB=postgres://localhost:5432/db?sslmode=disable',
      'DB',
      'postgres://localhost:5432/db?sslmode=disable',
    ],
    ['"=" in a value', 'FOO=foobar=', 'FOO', 'foobar='],
    ['export', 'export OPTION_A=2', 'OPTION_A', '2'],
    ['export with a tab', 'export\tOPTION_A=2', 'OPTION_A', '2'],
    ['indented export', '  export OPTION_A=2', 'OPTION_A', '2'],
    ['a name starting with export', 'exportFOO=2', 'exportFOO', '2'],
    ['export_ is part of the name', 'export_FOO =2', 'export_FOO', '2'],
    ['a quoted value saying export', 'export OPTION_A="export A"', 'OPTION_A', 'export A'],
    ['dots in a name', 'FOO.BAR=foobar', 'FOO.BAR', 'foobar'],
    ['dashes in a name', 'VAR-WITH-DASHES=dashes', 'VAR-WITH-DASHES', 'dashes'],
    ['brackets in a name', 'a[1]=c', 'a[1]', 'c'],
    ['letters beyond ASCII', 'árvíztűrő-TÜKÖR=ÁRVÍZ', 'árvíztűrő-TÜKÖR', 'ÁRVÍZ'],
    ['a name starting with a digit (compose-go allows it)', '1KEY=x', '1KEY', 'x'],
    ['an empty value', 'A=', 'A', ''],
    ['an empty double-quoted value', 'A=""', 'A', ''],
    ['an empty single-quoted value', "A=''", 'A', ''],
    ['an inline comment', 'FOO=bar # this is foo', 'FOO', 'bar'],
    ['a bare # at the end', 'FOO=bar #', 'FOO', 'bar'],
    ['# without a space before it', 'FOO=123#not-a-comment', 'FOO', '123#not-a-comment'],
    ['# after a tab is no comment', 'FOO=bar\t#x', 'FOO', 'bar\t#x'],
    ['# in double quotes', 'FOO="bar#baz" # comment', 'FOO', 'bar#baz'],
    ['# in single quotes', "FOO='bar#baz' # comment", 'FOO', 'bar#baz'],
    ['# right after the quote', 'FOO="bar#baz"#', 'FOO', 'bar#baz'],
    ['\\n in double quotes', 'FOO="bar\\nbaz"', 'FOO', 'bar\nbaz'],
    ['\\t in double quotes', 'FOO="a\\tb"', 'FOO', 'a\tb'],
    ['no escapes unquoted', 'FOO=a\\tb', 'FOO', 'a\\tb'],
    ['no escapes in single quotes', "FOO='a\\nb'", 'FOO', 'a\\nb'],
    [
      'shell escapes',
      'K="Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z"',
      'K',
      'Z\x07Z\bZ\fZ\nZ\rZ\tZ\vZ\\ZSZ',
    ],
    ['unknown escapes stay', 'K="\\x07 \\u12e4 \\c \\01"', 'K', '\\x07 \\u12e4 \\c \\01'],
    ['an escaped backslash before the quote', 'FOO="bar\\nbaz\\\\"', 'FOO', 'bar\nbaz\\'],
  ])('%s: %s', (_, text, key, value) => {
    expect(values(text)).toEqual({ [key]: value });
  });

  it('skips blank lines, comments and Windows line ends', () => {
    expect(values('\n# comment\n\t # indented\r\nA=1\r\nB="2"\r\n\n')).toEqual({ A: '1', B: '2' });
  });

  it('reads double- and single-quoted values over several lines', () => {
    const text = 'A="first line\nsecond line"\nB=\'third\nfourth\'\nC=3';
    const { entries } = parse(text);
    expect(entries.map(({ key, value, line }) => [key, value, line])).toEqual([
      ['A', 'first line\nsecond line', 1],
      ['B', 'third\nfourth', 3],
      ['C', '3', 5],
    ]);
  });

  it('places each key at its line and column, after export and indentation', () => {
    const { entries } = parse('# db\n  export DB_HOST=db\nDB_PORT = 5432\n');
    expect(entries).toEqual([
      { key: 'DB_HOST', value: 'db', line: 2, column: 10 },
      { key: 'DB_PORT', value: '5432', line: 3, column: 1 },
    ]);
  });

  it('skips a byte order mark', () => {
    expect(parse('\uFEFFA=1').entries).toEqual([{ key: 'A', value: '1', line: 1, column: 1 }]);
  });

  it('lets a later definition win, listed where it was written', () => {
    const { entries } = parse('A=1\nB=2\nA=3\n');
    expect(entries.map(({ key, value, line }) => [key, value, line])).toEqual([
      ['B', '2', 2],
      ['A', '3', 3],
    ]);
  });
});

describe('parseDotenv: interpolation', () => {
  it.each([
    ['an earlier entry', 'FOO=test\nBAR=$FOO', 'test'],
    ['an earlier entry in braces', 'FOO=test\nBAR=${FOO}bar', 'testbar'],
    ['inside double quotes', 'FOO=test\nBAR="quote $FOO"', 'quote test'],
    ['not inside single quotes', "FOO=test\nBAR='quote $FOO ${X:?}'", 'quote $FOO ${X:?}'],
    ['\\$ in double quotes', 'FOO=test\nBAR="foo\\$FOO"', 'foo$FOO'],
    ['\\${ in double quotes', 'FOO=test\nBAR="foo\\${FOO} ${FOO}"', 'foo${FOO} test'],
    ['$$ unquoted', 'FOO=test\nBAR=$$FOO', '$FOO'],
    ['a default', 'BAR=${DB_PORT:-5432}', '5432'],
  ])('expands %s', (_, text, expected) => {
    expect(values(text).BAR).toBe(expected);
  });

  // compose-go's fixtures/substitutions.env and substitutions-default.env.
  const substitutions =
    'OPTION_A=1\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\nOPTION_D=${OPTION_A}_${OPTION_B}\n';
  const withDefault = substitutions.replace('OPTION_A=1', 'OPTION_A=${OPTION_A:-1}');

  it('resolves through the environment before the entries of the file', () => {
    expect(values(substitutions, { OPTION_A: '5' })).toEqual({
      OPTION_A: '1',
      OPTION_B: '5',
      OPTION_C: '5',
      OPTION_D: '5_5',
    });
    expect(values(withDefault, { OPTION_A: '5' })).toMatchObject({
      OPTION_A: '5',
      OPTION_D: '5_5',
    });
    expect(values(withDefault)).toMatchObject({ OPTION_A: '1', OPTION_D: '1_1' });
  });

  it('does not see entries defined later, and warns of them once', () => {
    const { entries, problems } = parse('A=$LATER\nB=x${LATER}\nLATER=2');
    expect(entries.map((e) => e.value)).toEqual(['', 'x', '2']);
    expect(problems).toEqual([
      { severity: 'warning', message: notSet('LATER'), line: 1, column: 3 },
    ]);
  });

  it('reads \\$ unquoted as a backslash and a reference', () => {
    expect(parse('FOO=\\$bar').entries[0]?.value).toBe('\\');
  });

  it('places a warning at the $ in the file', () => {
    expect(parse('A=1\nB=prefix-$UNSET').problems).toEqual([
      { severity: 'warning', message: notSet('UNSET'), line: 2, column: 10 },
    ]);
  });
});

describe('parseDotenv: a name alone', () => {
  const text = 'FOO=bar\nVARIABLE_NOT_FOUND\nBAR=baz\n';

  it('takes the value from the environment', () => {
    expect(parse(text, { VARIABLE_NOT_FOUND: 'v' }).entries[1]).toEqual({
      key: 'VARIABLE_NOT_FOUND',
      value: 'v',
      line: 2,
      column: 1,
    });
  });

  it('defines nothing when the environment lacks it', () => {
    expect(values(text)).toEqual({ FOO: 'bar', BAR: 'baz' });
    expect(values('A=1\nA\n')).toEqual({ A: '1' });
  });

  it('reads text after a closing quote as a name alone', () => {
    expect(values('A="x" B\nC=1', { B: 'b' })).toEqual({ A: 'x', B: 'b', C: '1' });
  });

  // compose-go finds no end to the name and reads the line as a value with an empty name.
  it('on a last line without a line break, as compose-go does', () => {
    const { entries, problems } = parse('A=1\nFOO', { FOO: 'env' });
    expect(entries).toEqual([
      { key: 'A', value: '1', line: 1, column: 1 },
      { key: '', value: 'FOO', line: 2, column: 1 },
    ]);
    expect(problems).toMatchObject([{ severity: 'warning', line: 2, column: 1 }]);
    expect(problems[0]?.message).toContain('"FOO" has no "=" and no line break');
  });

  it('warns of an empty name', () => {
    const { entries, problems } = parse('="value"');
    expect(entries).toEqual([{ key: '', value: 'value', line: 1, column: 1 }]);
    expect(problems).toMatchObject([
      { severity: 'warning', message: 'The name before "=" is empty.' },
    ]);
  });
});

describe('parseDotenv: errors', () => {
  it.each([
    ['a space in a name', 'MY KEY=x', 3, 'The name "MY KEY" contains a space.'],
    ['a space in a name alone', 'MY KEY', 3, 'The name "MY KEY" contains a space.'],
    ['a $ in a name', 'lol$wut', 4, 'Unexpected character "$" in the name of "lol$wut"'],
    ['a % in a name', '%!(EXTRA string)=foo', 1, 'Unexpected character "%"'],
    ['a quote opening a line', '"KEY"=1', 1, 'Unexpected character """'],
    [
      'a missing value',
      'B=${MISSING:?set MISSING}',
      3,
      'required variable MISSING is missing a value: set MISSING',
    ],
    ['an invalid reference', 'B=${MISSING', 3, 'Invalid interpolation format "${MISSING"'],
    ['an unclosed double quote', 'KEY="value', 5, 'The quoted value "value is never closed by ".'],
    ['an escaped closing quote', 'KEY="value\\"', 5, 'never closed'],
    ['a mismatched quote', 'KEY="value\'', 5, 'never closed'],
    ['an unclosed single quote', "KEY='value", 5, "never closed by '."],
    ['an escaped single quote', "KEY='value\\'", 5, 'never closed'],
  ])(
    '%s is an error at its line and column; the next lines are read',
    (_, line, column, message) => {
      const { entries, problems } = parse(`A=1\n${line}\nC=3`);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ severity: 'error', line: 2, column });
      expect(problems[0]?.message).toContain(message);
      expect(entries.map((entry) => entry.key)).toEqual(['A', 'C']);
    },
  );

  it('finds the end of a multi-line value after a bad name', () => {
    const { entries, problems } = parse('MY KEY="a\nb=c"\nC=1');
    expect(problems.map((p) => [p.line, p.column])).toEqual([[1, 3]]);
    expect(entries.map((entry) => entry.key)).toEqual(['C']);
  });

  it('maps an error inside a multi-line double-quoted value to its line', () => {
    const { problems } = parse('A="line1\n  \\t${X:?x needed}"');
    expect(problems).toEqual([
      {
        severity: 'error',
        message: 'required variable X is missing a value: x needed',
        line: 2,
        column: 5,
      },
    ]);
  });

  it('reports export without a name', () => {
    expect(parse('A=1\nexport ').problems).toMatchObject([
      { severity: 'error', line: 2, column: 1 },
    ]);
  });
});
