// The .env format as compose-go v2 (dotenv/parser.go) reads it, for the project .env and for
// env_file: a cursor over the whole text, not a line splitter, since a double-quoted value may
// span lines and text after a closing quote starts the next statement. Compose stops at the
// first error; this parser reports it and goes on with the next line.
import { interpolate, type VariableLookup } from './interpolate';
import { LineIndex } from './line-index';
import { textLimitProblem } from './yaml-limits';

/** One variable the file defines; line and column (1-based) are where its name is written. */
export interface DotenvEntry {
  key: string;
  value: string;
  line: number;
  column: number;
}

/** One problem in the file, at a 1-based line and column (UTF-16 units, as editors count). */
export interface DotenvProblem {
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
}

/** The variables (one per name, the last definition winning) and the problems found. */
export interface DotenvResult {
  entries: DotenvEntry[];
  problems: DotenvProblem[];
}

type Severity = DotenvProblem['severity'];

interface Parser {
  text: string;
  lookup: VariableLookup;
  entries: Map<string, DotenvEntry>;
  problems: DotenvProblem[];
  warned: Set<string>;
  lines: LineIndex;
}

/** A value's characters, each with the index in the file of the text it was read from. */
interface Chars {
  text: string;
  sources: number[];
}

// Go's `\s` is ASCII blank space, line breaks included.
const EXPORT = /export[\t\n\f\r ]+/y;
const ESCAPE = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g;
// The escapes of Go's strconv.UnquoteChar among those ESCAPE admits (`\c` is not one of them).
const ESCAPED = 'abfnrtv"\\';
const UNESCAPED = '\x07\b\f\n\r\t\v"\\';

// `lookup` is the environment Compose sees (the shell's variables). A value's `${NAME}` resolves
// through it first and only then through entries defined earlier in the file, as compose-go does
// (its test TestSubstitutionsWithEnvFilePrecedence pins the order), so a shell variable beats
// the file's own earlier line. A bare `KEY` line takes KEY from `lookup` alone.
/** Parses a .env file as Compose v2 does, interpolating unquoted and double-quoted values. */
export function parseDotenv(text: string, lookup: VariableLookup): DotenvResult {
  // compose-go skips a UTF-8 byte order mark, which some Windows editors write.
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // The same size and line-length limits as every file of a repository.
  const tooLarge = textLimitProblem(source, '');
  if (tooLarge) {
    const { line, column } = tooLarge.position ?? { line: 1, column: 1 };
    return {
      entries: [],
      problems: [{ severity: 'error', message: tooLarge.message, line, column }],
    };
  }
  const parser: Parser = {
    text: source,
    lookup,
    entries: new Map(),
    problems: [],
    warned: new Set(),
    lines: new LineIndex(source),
  };
  let cursor = statementStart(source, 0);
  while (cursor >= 0) cursor = statementStart(source, parseStatement(parser, cursor));
  return { entries: [...parser.entries.values()], problems: parser.problems };
}

// Returns where the next statement may begin.
function parseStatement(parser: Parser, start: number): number {
  const { text } = parser;
  EXPORT.lastIndex = start;
  const keyStart = EXPORT.test(text) ? skipSpaces(text, start + 'export'.length) : start;
  if (keyStart >= text.length) {
    report(parser, 'error', start, 'Expected a variable name after "export".');
    return text.length;
  }
  let end = keyStart;
  for (const char of text.slice(keyStart)) {
    if (char === '=' || char === ':' || char === '\n') break;
    if (!isSpace(char) && !/^[\p{L}\p{N}_.[\]-]$/u.test(char)) {
      const line = text.slice(keyStart, lineEnd(text, keyStart)).trim();
      const message = `Unexpected character "${char}" in the name of "${line}": expected NAME=value, the name of letters, digits, "_", ".", "-", "[" or "]".`;
      report(parser, 'error', end, message);
      return lineEnd(text, keyStart) + 1;
    }
    end += char.length;
  }
  if (end >= text.length) {
    // Without "=", ":" or a line break up to the end, compose-go reads the whole last line as
    // the value of a variable with an empty name.
    const line = text.slice(keyStart).trim();
    const message = `The last line "${line}" has no "=" and no line break: Compose reads it as the value of an empty name, not as a variable from the environment.`;
    report(parser, 'warning', keyStart, message);
    return readValue(parser, '', keyStart, keyStart);
  }
  const key = trimEndWhiteSpace(text.slice(keyStart, end));
  if (key.includes(' ')) {
    report(parser, 'error', keyStart + key.indexOf(' '), `The name "${key}" contains a space.`);
    // Read the value all the same, to resume after it.
    return text.charAt(end) === '\n'
      ? end + 1
      : readValue(parser, undefined, 0, skipSpaces(text, end + 1));
  }
  if (text.charAt(end) === '\n') {
    const inherited = parser.lookup(key);
    if (inherited !== undefined) define(parser, key, inherited, keyStart);
    return end + 1;
  }
  if (key === '') {
    report(parser, 'warning', keyStart, `The name before "${text.charAt(end)}" is empty.`);
  }
  return readValue(parser, key, keyStart, skipSpaces(text, end + 1));
}

// Reads the value at `start` and defines `key` with it, unless the key is bad (undefined) or
// the value has an error. Returns where the next statement may begin.
function readValue(parser: Parser, key: string | undefined, keyAt: number, start: number): number {
  const { text } = parser;
  const quote = text.charAt(start);
  let chars: Chars;
  let next: number;
  if (quote === '"' || quote === "'") {
    const quoted = readQuoted(text, start, quote);
    if (quoted === undefined) {
      const found = text.slice(start, lineEnd(text, start));
      report(parser, 'error', start, `The quoted value ${found} is never closed by ${quote}.`);
      return lineEnd(text, start) + 1;
    }
    next = quoted.end;
    if (quote === "'") {
      if (key !== undefined) define(parser, key, quoted.chars.text, keyAt);
      return next;
    }
    chars = expandEscapes(quoted.chars);
  } else {
    const end = lineEnd(text, start);
    next = end + 1;
    // Only " #" starts a comment: "a#b" keeps its "#", and so does a tab before it.
    const comment = text.slice(start, end).indexOf(' #');
    const raw = text.slice(start, comment < 0 ? end : start + comment);
    const trimmed = trimEndWhiteSpace(raw);
    chars = { text: trimmed, sources: Array.from({ length: trimmed.length }, (_, i) => start + i) };
  }
  if (key === undefined) return next;
  const result = interpolate(chars.text, (name) => {
    return parser.lookup(name) ?? parser.entries.get(name)?.value;
  });
  for (const { severity, message, offset } of result.problems) {
    // Compose warns of an unset variable each time it meets it; once per file is enough here.
    if (severity === 'warning' && parser.warned.has(message)) continue;
    parser.warned.add(message);
    report(parser, severity, chars.sources[offset] ?? start, message);
  }
  if (!result.problems.some(({ severity }) => severity === 'error')) {
    define(parser, key, result.value, keyAt);
  }
  return next;
}

// A backslash before the closing quote keeps the quote in the value (the backslash goes); any
// other backslash pair is kept whole for expandEscapes. This holds inside single quotes too.
function readQuoted(text: string, start: number, quote: string) {
  const chars: Chars = { text: '', sources: [] };
  const push = (char: string, at: number): void => {
    chars.text += char;
    chars.sources.push(at);
  };
  let escaped = false;
  for (let i = start + 1; i < text.length; i++) {
    const char = text.charAt(i);
    if (escaped) {
      escaped = false;
      if (char !== quote) push('\\', i - 1);
      push(char, i);
    } else if (char === '\\') {
      escaped = true;
    } else if (char === quote) {
      return { chars, end: i + 1 };
    } else {
      push(char, i);
    }
  }
  return undefined;
}

// The echo-style escapes of a double-quoted value. `\$` becomes `$$`, which interpolation then
// reads as a literal `$`. Octal is `\0` and three digits up to 377; other forms stay as written.
function expandEscapes(chars: Chars): Chars {
  const out: Chars = { text: '', sources: [] };
  let index = 0;
  for (const match of chars.text.matchAll(ESCAPE)) {
    out.text += chars.text.slice(index, match.index);
    // One by one: spreading a long value's sources would overflow the call stack.
    for (let i = index; i < match.index; i++) out.sources.push(chars.sources[i] ?? 0);
    const replacement = unescape(match[0]);
    out.text += replacement;
    const at = chars.sources[match.index] ?? 0;
    for (let i = 0; i < replacement.length; i++) out.sources.push(at);
    index = match.index + match[0].length;
  }
  out.text += chars.text.slice(index);
  for (let i = index; i < chars.sources.length; i++) out.sources.push(chars.sources[i] ?? 0);
  return out;
}

function unescape(sequence: string): string {
  if (sequence === '\\$') return '$$';
  if (!sequence.startsWith('\\0')) {
    const at = ESCAPED.indexOf(sequence.charAt(1));
    return at < 0 ? sequence : UNESCAPED.charAt(at);
  }
  const digits = sequence.slice(2);
  const code = /^[0-7]{3}$/.test(digits) ? Number.parseInt(digits, 8) : 256;
  return code <= 255 ? String.fromCharCode(code) : sequence;
}

// Later definitions win, and the list follows the order of the definitions that won.
function define(parser: Parser, key: string, value: string, offset: number): void {
  parser.entries.delete(key);
  parser.entries.set(key, { key, value, ...position(parser, offset) });
}

function report(parser: Parser, severity: Severity, offset: number, message: string): void {
  parser.problems.push({ severity, message, ...position(parser, offset) });
}

// Skips blank space (Unicode White_Space, as Go's unicode.IsSpace) and `#` comment lines.
function statementStart(text: string, from: number): number {
  let index = from;
  for (;;) {
    while (/^\p{White_Space}$/u.test(text.charAt(index))) index++;
    if (index >= text.length) return -1;
    if (text.charAt(index) !== '#') return index;
    index = text.indexOf('\n', index);
    if (index < 0) return -1;
  }
}

// compose-go's isSpace: blank space that is not a line break.
function isSpace(char: string): boolean {
  return /^[\t\v\f\r \u0085\u00a0]$/.test(char);
}

function skipSpaces(text: string, from: number): number {
  let index = from;
  while (isSpace(text.charAt(index))) index++;
  return index;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

function position(parser: Parser, offset: number): { line: number; column: number } {
  const { line, column } = parser.lines.at(offset, '');
  return { line, column };
}

// Go's strings.TrimRightFunc(s, unicode.IsSpace), one character at a time: a regular
// expression anchored at the end retries from every character of a run of blanks, which is
// quadratic in the run (80,000 spaces: seconds).
function trimEndWhiteSpace(text: string): string {
  let end = text.length;
  while (end > 0 && WHITE_SPACE.test(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

const WHITE_SPACE = /^\p{White_Space}$/u;
