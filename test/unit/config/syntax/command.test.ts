import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../../src/main/config/syntax/command';
import { SyntaxValueError } from '../../../../src/main/config/syntax/syntax-error';

const UNBALANCED = 'a command with balanced quotes, like \'sh -c "echo hi"\'';

describe('parseCommand', () => {
  it('keeps null and lists as they are', () => {
    expect(parseCommand(null)).toBeNull();
    expect(parseCommand(['bundle', 'exec', 'thin', '-p', '3000'])).toEqual([
      'bundle',
      'exec',
      'thin',
      '-p',
      '3000',
    ]);
    expect(parseCommand([])).toEqual([]);
  });

  it.each<[string, string[]]>([
    ['bundle exec thin -p 3000', ['bundle', 'exec', 'thin', '-p', '3000']],
    ['', []],
    ['   ', []],
    ['a\tb\nc\r\nd', ['a', 'b', 'c', 'd']],
    ['sh -c "echo hello world"', ['sh', '-c', 'echo hello world']],
    [`echo 'a b' "c d"`, ['echo', 'a b', 'c d']],
    [`echo '' ""`, ['echo', '', '']],
    [`echo pre"fix"'ed'`, ['echo', 'prefixed']],
    ['echo a\\ b', ['echo', 'a b']],
    ['echo "a\\"b"', ['echo', 'a"b']],
    // No escapes inside single quotes; inside double quotes a backslash escapes anything.
    ["echo 'a\\b'", ['echo', 'a\\b']],
    ['echo "C:\\path"', ['echo', 'C:path']],
    ['echo \\n', ['echo', 'n']],
    // Nothing is expanded or run.
    ['echo $HOME ${X:-y}', ['echo', '$HOME', '${X:-y}']],
    ['echo $(date +%s) x', ['echo', '$(date +%s)', 'x']],
    ['echo `date -u` x', ['echo', '`date -u`', 'x']],
    ["sh -c 'a && b | c > d'", ['sh', '-c', 'a && b | c > d']],
    // An unquoted operator ends the command: Compose quietly drops the rest.
    ['npm run build && npm start', ['npm', 'run', 'build']],
    ['cat a | grep b', ['cat', 'a']],
    ['a;b', ['a']],
    ['run < in', ['run']],
    ['cmd 2>/dev/null', ['cmd']],
    ['cmd out>file', ['cmd', 'out']],
    // From the corpora.
    ['nodemon --inspect=0.0.0.0 server.js', ['nodemon', '--inspect=0.0.0.0', 'server.js']],
    ['-d 60 -r 200 -c 2 -h edge-router', ['-d', '60', '-r', '200', '-c', '2', '-h', 'edge-router']],
  ])('splits %j', (line, words) => {
    expect(parseCommand(line)).toEqual(words);
  });

  it.each([
    'echo "unclosed',
    "echo 'unclosed",
    'echo \\',
    'echo `date',
    'python -c print(1)',
    'echo a)',
    'echo $((1 + 2))',
  ])('refuses %j', (line) => {
    expect(() => parseCommand(line)).toThrow(new SyntaxValueError(line, UNBALANCED));
  });

  it('refuses a list item that is not a string, as the Compose schema does', () => {
    expect(() => parseCommand(['sleep', 10] as unknown as string[])).toThrow(
      new SyntaxValueError('10', 'a string (quote it)'),
    );
    expect(() => parseCommand(10 as unknown as string)).toThrow(
      new SyntaxValueError('10', 'a string or a list of strings'),
    );
  });
});
