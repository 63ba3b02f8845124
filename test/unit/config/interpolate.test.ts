import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpolate } from '../../../src/main/config/interpolate';
import { CORPORA, CORPORA_PRESENT, warnWithoutCorpora } from '../../support/corpora';

// FOO and BAR are compose-go's own test mapping (template_test.go): one set, one set but empty.
const ENV = new Map([
  ['FOO', 'first'],
  ['BAR', ''],
  ['DB_PORT', ''],
  ['TAG', '1.2'],
]);
const lookup = (name: string): string | undefined => ENV.get(name);
const run = (text: string) => interpolate(text, lookup);

const notSet = (name: string) => `The "${name}" variable is not set. Defaulting to a blank string.`;

describe('interpolate: values', () => {
  it.each([
    ['plain text', 'foo', 'foo'],
    ['$NAME', 'This $FOO var', 'This first var'],
    ['${NAME}', 'This ${FOO} var', 'This first var'],
    ['a name ends at the first non-name character', '$FOO-bar', 'first-bar'],
    ['braces end a name inside a word', '${FOO}bar', 'firstbar'],
    ['$$ is a literal $', 'cost: $$5', 'cost: $5'],
    ['$$ before braces keeps them', '$${FOO}', '${FOO}'],
    ['$$ then a reference', '$$$FOO', '$first'],
    ['a lone $ before a space stays', 'a $ string', 'a $ string'],
    ['a $ at the end stays', '^REGEX$', '^REGEX$'],
    ['$} stays', '$}', '$}'],
    ['a $ before a digit stays', 'price $1', 'price $1'],
    [':- uses the default when empty', '${DB_PORT:-5432}', '5432'],
    ['- keeps an empty value', '${DB_PORT-5432}', ''],
    [':- uses the default when unset', '${UNSET:-5432}', '5432'],
    ['- uses the default when unset', '${UNSET-5432}', '5432'],
    [':- keeps a value that is set', '${TAG:-latest}', '1.2'],
    ['an empty default', '${UNSET:-}', ''],
    ['a default holding :-', 'ok ${BAR:-/non:-alphanumeric}', 'ok /non:-alphanumeric'],
    [':+ gives the alternative when non-empty', '${FOO:+alt}', 'alt'],
    [':+ gives nothing when empty', '${BAR:+alt}', ''],
    [':+ gives nothing when unset', '${UNSET:+alt}', ''],
    ['+ gives the alternative when set, even empty', '${BAR+alt}', 'alt'],
    ['+ gives nothing when unset', '${UNSET+alt}', ''],
    [':? passes a non-empty value', '${FOO:?err}', 'first'],
    ['? passes an empty value', 'ok ${BAR?err}', 'ok '],
    ['the first operator decides: - before ?', '${UNSET-myerror?msg}', 'myerror?msg'],
    ['the first operator decides: ? before -', '${FOO?bar-baz}', 'first'],
    ['a nested default', '${A:-${B:-x}}', 'x'],
    ['a nested $NAME', 'ok ${UNSET-$FOO}', 'ok first'],
    ['two nested references', 'ok ${UNSET-${FOO} ${FOO}}', 'ok first first'],
    ['nesting in an alternative', 'ok ${BAR+$FOO ${FOO:+second}}', 'ok first second'],
    ['a nested hard default on an empty value', '+ok ${UNSET:-${BAR-defaultValue}}', '+ok '],
    ['text around is not an operator', ':?ok ${BAR:-defaultValue}', ':?ok defaultValue'],
    ['a } after the reference is text', '${FOO:-baz} }}}', 'first }}}'],
    ['braces around references', '{{{ ${U1:-foo} ${U2:-bar} }}}', '{{{ foo bar }}}'],
    ['braces inside a default', '${UNSET:-{x}}', '{x}'],
    ['each line of a block scalar apart', 'echo ${A:-x}\necho ${B:-y}', 'echo x\necho y'],
    ['a published port', '"${WEB_PORT:-8080}:80"', '"8080:80"'],
    ['a user', '${UID:-1000}:${GID:-1000}', '1000:1000'],
  ])('%s: %s', (_, text, expected) => {
    expect(run(text)).toEqual({ value: expected, problems: [] });
  });
});

describe('interpolate: warnings', () => {
  it('warns, with Compose wording, of an unset variable and blanks it', () => {
    expect(run('This ${missing} var')).toEqual({
      value: 'This  var',
      problems: [{ severity: 'warning', message: notSet('missing'), offset: 5 }],
    });
  });

  it('does not warn of a variable that is set but empty', () => {
    expect(run('[$BAR]')).toEqual({ value: '[]', problems: [] });
  });

  it('warns once per variable, at its first use', () => {
    const { problems } = run('$A and ${A}, then ${B}');
    expect(problems.map((p) => [p.message, p.offset])).toEqual([
      [notSet('A'), 0],
      [notSet('B'), 18],
    ]);
  });

  it('reads $FOObar as the variable FOObar', () => {
    expect(run('$FOObar').problems).toEqual([
      { severity: 'warning', message: notSet('FOObar'), offset: 0 },
    ]);
  });

  it('gives the offset of a reference nested in a default', () => {
    expect(run('x ${UNSET:-${MISSING}}').problems).toEqual([
      { severity: 'warning', message: notSet('MISSING'), offset: 11 },
    ]);
  });

  it.each([
    ['a default that is not used', '${FOO:-${MISSING}}', 'first'],
    ['an alternative that is not used', '${UNSET:+${UNSET},}B', 'B'],
    ['an error message that is not used', '${FOO:?${MISSING}}', 'first'],
    ['a required variable in an unused default', '${FOO:-${X:?boom}}', 'first'],
  ])('does not evaluate %s', (_, text, expected) => {
    expect(run(text)).toEqual({ value: expected, problems: [] });
  });
});

describe('interpolate: errors', () => {
  it.each([
    ['${UNSET_VAR:?Mandatory Variable Unset}', 'Mandatory Variable Unset', 'UNSET_VAR'],
    ['${BAR:?Mandatory Variable Empty}', 'Mandatory Variable Empty', 'BAR'],
    ['${UNSET_VAR?Mandatory Variable Unset}', 'Mandatory Variable Unset', 'UNSET_VAR'],
    ['${UNSET_VAR?bar-baz}', 'bar-baz', 'UNSET_VAR'],
    ['${UNSET_VAR:?Mandatory Variable ${FOO}}', 'Mandatory Variable first', 'UNSET_VAR'],
  ])('%s fails with the message and the name', (reference, reason, name) => {
    const text = `not ok ${reference}`;
    expect(run(text)).toEqual({
      value: text,
      problems: [
        {
          severity: 'error',
          message: `required variable ${name} is missing a value: ${reason}`,
          offset: 7,
        },
      ],
    });
  });

  it.each(['${UNSET:?}', '${UNSET?}'])('%s fails without a message', (text) => {
    expect(run(text).problems[0]?.message).toBe('required variable UNSET is missing a value');
  });

  it.each([
    ['${', 0, 'a variable name must follow "${"'],
    ['${}', 0, 'a variable name must follow "${"'],
    ['${ }', 0, 'a variable name must follow "${"'],
    ['${ foo}', 0, 'a variable name must follow "${"'],
    ['${1A}', 0, 'a variable name must follow "${"'],
    ['${foo }', 0, '" " follows the name "foo"'],
    ['${foo!}', 0, '"!" follows the name "foo"'],
    ['${FOO:x}', 0, '":" follows the name "FOO"'],
    ['image: redis:${TAG', 13, 'the end of the text follows the name "TAG"'],
    ['${FOO:-bar', 0, '"}" is missing after "${FOO:-"'],
    ['${UNSET:-two\nlines}', 0, '"}" is missing after "${UNSET:-"'],
  ])('%j is invalid at offset %i', (text, offset, reason) => {
    const { value, problems } = run(text);
    expect(value).toBe(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'error', offset });
    expect(problems[0]?.message).toContain(`: ${reason}; expected \${NAME}, \${NAME:-default},`);
  });

  it('quotes what it found, up to the closing brace', () => {
    expect(run('a ${foo!} b').problems[0]?.message).toMatch(
      /^Invalid interpolation format "\$\{foo!\}": .* write \$\$ for a literal \$\.$/,
    );
  });

  it('reports every error, where Compose stops at the first', () => {
    const { value, problems } = run('${A:?a} $MISSING ${B:?b}');
    expect(value).toBe('${A:?a} $MISSING ${B:?b}');
    expect(problems.map((p) => [p.severity, p.offset])).toEqual([
      ['error', 0],
      ['warning', 8],
      ['error', 17],
    ]);
  });

  it('reports an error in the message of a required variable instead', () => {
    expect(run('${UNSET:?${}').problems.map((p) => p.offset)).toEqual([9]);
  });

  // compose-go skips the character after each `{` when it looks for the closing brace, so the
  // `}` of a `{}` in a default is not counted and the default runs on to the last `}`.
  it('matches compose-go on a {} inside a default', () => {
    expect(run('${UNSET:-{}}')).toEqual({ value: '{}', problems: [] });
    expect(run('${UNSET:-{}} ${FOO}').problems[0]).toMatchObject({ severity: 'error', offset: 13 });
  });
});

describe('interpolate: real compose files', () => {
  const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

  warnWithoutCorpora('the sock-shop compose file of the corpora');

  it.skipIf(!CORPORA_PRESENT)('blanks the unset root password of sock-shop, with a warning', () => {
    const line = 'MYSQL_ROOT_PASSWORD=${MYSQL_ROOT_PASSWORD}';
    const file = join(CORPORA, 'sock-shop/deploy/docker-compose/docker-compose.yml');
    expect(readFileSync(file, 'utf8')).toContain(line);
    expect(run(line)).toEqual({
      value: 'MYSQL_ROOT_PASSWORD=',
      problems: [{ severity: 'warning', message: notSet('MYSQL_ROOT_PASSWORD'), offset: 20 }],
    });
    expect(interpolate(line, () => 's3cret').value).toBe('MYSQL_ROOT_PASSWORD=s3cret');
  });

  it('leaves the shell its $API_URL in the example worker command', () => {
    const command =
      'mkdir -p /data; while true; do printf "worker: orders "; { wget -q -O - "$$API_URL/cgi-bin/orders" || echo unavailable; } | tee /data/last-poll.json; sleep 3; done';
    expect(read('../../../examples/shop/compose.yaml')).toContain(command);
    expect(run(command)).toEqual({ value: command.replace('$$', '$'), problems: [] });
  });

  it('resolves a connection string with defaults and a required password', () => {
    const url =
      'postgres://${DB_USER:-app}:${DB_PASSWORD:?set DB_PASSWORD in .env}@db/${DB_NAME:-app}';
    expect(interpolate(url, (name) => (name === 'DB_PASSWORD' ? 'pw' : undefined)).value).toBe(
      'postgres://app:pw@db/app',
    );
    expect(run(url).problems).toEqual([
      {
        severity: 'error',
        message: 'required variable DB_PASSWORD is missing a value: set DB_PASSWORD in .env',
        offset: 27,
      },
    ]);
  });
});
