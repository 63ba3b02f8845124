// Compose v2 variable interpolation, matching compose-go v2 (template/template.go) and the
// Compose Specification's "Interpolation" section. compose-go finds references with a regular
// expression whose `${NAME<op>...}` branch runs greedily to the last `}` of the line, then cuts
// that match at its first balanced `}`; this scanner reproduces both steps so the edge cases
// (a `}` inside a default, an unclosed nested `${`) come out as Compose's do.

import { Lines } from './interpolate-lines';

/** One finding of an interpolation; offset is the index in the text of the `$` that began it. */
export interface InterpolationProblem {
  severity: 'error' | 'warning';
  message: string;
  offset: number;
}

/** The interpolated string (the text unchanged when any problem is an error) and the findings. */
export interface InterpolationResult {
  value: string;
  problems: InterpolationProblem[];
}

/** Resolves a variable: undefined when it is unset, which Compose tells apart from empty. */
export type VariableLookup = (name: string) => string | undefined;

type Operator = ':-' | '-' | ':+' | '+' | ':?' | '?';

interface Context {
  lookup: VariableLookup;
  problems: InterpolationProblem[];
  warned: Set<string>;
  errors: number;
  /** Problems not recorded past MAX_PROBLEMS. */
  dropped: number;
}

/** How deep `${NAME:-${...}}` may nest: far past real files, short of any stack limit. */
export const MAX_NESTING = 32;
// A value reports at most this many problems, then says how many more there were.
const MAX_PROBLEMS = 20;

/** A `${` reference read as compose-go's pattern reads it, with indexes into the scanned text. */
type BracedReference =
  | { kind: 'plain'; name: string; end: number }
  | { kind: 'operator'; name: string; op: Operator; argStart: number; close: number }
  | { kind: 'invalid'; reason: string };

const EXPECTED_FORMS =
  'expected ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, ' +
  '${NAME:+alternative} or ${NAME+alternative}; write $$ for a literal $';

// An error (a required variable without a value, a malformed reference) leaves the value as
// the text given, since Compose refuses such a file; every error is reported, where Compose
// stops at the first.
/** Interpolates `$NAME`, `${NAME}` and the `${NAME<op>arg}` forms as Compose v2 does. */
export function interpolate(text: string, lookup: VariableLookup): InterpolationResult {
  const context: Context = { lookup, problems: [], warned: new Set(), errors: 0, dropped: 0 };
  const value = substitute(text, 0, context, 0);
  if (context.dropped > 0) {
    const last = context.problems[context.problems.length - 1];
    context.problems.push({
      severity: last?.severity ?? 'error',
      message: `… and ${context.dropped} more problems in the same value`,
      offset: last?.offset ?? 0,
    });
  }
  return { value: context.errors > 0 ? text : value, problems: context.problems };
}

// `base` is where `text` starts in the string given to interpolate, so nested defaults and
// alternatives report offsets in the user's text.
function substitute(text: string, base: number, context: Context, depth: number): string {
  const lines = new Lines(text);
  let out = '';
  let index = 0;
  while (index < text.length) {
    const dollar = text.indexOf('$', index);
    if (dollar < 0) return out + text.slice(index);
    out += text.slice(index, dollar);
    const next = text.charAt(dollar + 1);
    if (next === '$') {
      out += '$';
      index = dollar + 2;
    } else if (isNameStart(next)) {
      const end = nameEnd(text, dollar + 1);
      out += resolvePlain(text.slice(dollar + 1, end), base + dollar, context);
      index = end;
    } else if (next !== '{') {
      // compose-go's pattern needs a name, `$` or `{` after `$`: "a $ string" and "^x$" stay.
      out += '$';
      index = dollar + 1;
    } else {
      const reference = readBraced(text, dollar, lines);
      if (reference.kind === 'invalid') {
        const message = invalidMessage(text, dollar, reference.reason, lines);
        report(context, 'error', base + dollar, message);
        // Compose's invalid match is the `${` alone; scanning resumes right after it.
        index = dollar + 2;
      } else if (reference.kind === 'plain') {
        out += resolvePlain(reference.name, base + dollar, context);
        index = reference.end;
      } else {
        const arg = text.slice(reference.argStart, reference.close);
        const at = { argOffset: base + reference.argStart, offset: base + dollar, depth };
        out += applyOperator(reference, arg, at, context);
        index = reference.close + 1;
      }
    }
  }
  return out;
}

function resolvePlain(name: string, offset: number, context: Context): string {
  const value = context.lookup(name);
  if (value !== undefined) return value;
  if (!context.warned.has(name)) {
    context.warned.add(name);
    report(
      context,
      'warning',
      offset,
      `The "${name}" variable is not set. Defaulting to a blank string.`,
    );
  }
  return '';
}

// The argument (default, alternative or error text) is interpolated only when it is used, as
// in compose-go v2.13: `${SET:-${UNSET}}` gives no warning and `${SET:-${X:?}}` no error.
function applyOperator(
  reference: { name: string; op: Operator },
  arg: string,
  { argOffset, offset, depth }: { argOffset: number; offset: number; depth: number },
  context: Context,
): string {
  const value = context.lookup(reference.name);
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  const argument = (): string => {
    if (depth + 1 < MAX_NESTING || !arg.includes('$')) {
      return substitute(arg, argOffset, context, depth + 1);
    }
    const message = `found "\${" nested more than ${MAX_NESTING} levels deep, expected at most ${MAX_NESTING} levels of defaults and alternatives`;
    report(context, 'error', offset, message);
    return '';
  };
  switch (reference.op) {
    case ':-':
      return nonEmpty ? value : argument();
    case '-':
      return set ? value : argument();
    case ':+':
      return nonEmpty ? argument() : (value ?? '');
    case '+':
      return set ? argument() : '';
    case ':?':
    case '?': {
      if (reference.op === ':?' ? nonEmpty : set) return value ?? '';
      const errorsBefore = context.errors;
      const reason = argument();
      // Like compose-go, an error inside the message itself is the one reported.
      if (context.errors === errorsBefore) {
        const suffix = reason === '' ? '' : `: ${reason}`;
        const message = `required variable ${reference.name} is missing a value${suffix}`;
        report(context, 'error', offset, message);
      }
      return '';
    }
  }
}

function readBraced(text: string, dollar: number, lines: Lines): BracedReference {
  const nameStart = dollar + 2;
  if (!isNameStart(text.charAt(nameStart))) {
    return { kind: 'invalid', reason: 'a variable name must follow "${"' };
  }
  const end = nameEnd(text, nameStart);
  const name = text.slice(nameStart, end);
  const after = text.charAt(end);
  if (after === '}') return { kind: 'plain', name, end: end + 1 };
  const op = readOperator(text, end);
  if (op === undefined) {
    const found = after === '' ? 'the end of the text' : `"${after}"`;
    return { kind: 'invalid', reason: `${found} follows the name "${name}"` };
  }
  const argStart = end + op.length;
  // The pattern's `(.*)}` cannot cross a line break and takes the line's last `}`.
  const lastBrace = lines.braceBefore(argStart);
  if (lastBrace < argStart) {
    return { kind: 'invalid', reason: `"}" is missing after "\${${name}${op}"` };
  }
  const cut = firstClosingBrace(text.slice(dollar, lastBrace + 1));
  const close = cut < 0 ? lastBrace : dollar + cut;
  return { kind: 'operator', name, op, argStart, close };
}

function readOperator(text: string, index: number): Operator | undefined {
  const first = text.charAt(index);
  const second = text.charAt(index + 1);
  if (first === ':' && (second === '-' || second === '+' || second === '?')) {
    return `:${second}`;
  }
  if (first === '-' || first === '+' || first === '?') return first;
  return undefined;
}

// compose-go's getFirstBraceClosingIndex, quirks included: every `{` opens (not only `${`) and
// the character right after a `{` is skipped, so `{}` inside an argument does not close.
function firstClosingBrace(match: string): number {
  let open = 0;
  for (let i = 0; i < match.length; i++) {
    const char = match.charAt(i);
    if (char === '}') {
      open--;
      if (open === 0) return i;
    }
    if (char === '{') {
      open++;
      i++;
    }
  }
  return -1;
}

function invalidMessage(text: string, dollar: number, reason: string, lines: Lines): string {
  // Only the first 61 characters are ever shown: no more is read, however long the line.
  const line = text.slice(dollar, Math.min(lines.lineEnd(dollar), dollar + 61));
  const brace = line.indexOf('}');
  let found = brace < 0 ? line : line.slice(0, brace + 1);
  if (found.length > 60) found = `${found.slice(0, 59)}…`;
  return `Invalid interpolation format "${found}": ${reason}; ${EXPECTED_FORMS}.`;
}

function report(
  context: Context,
  severity: InterpolationProblem['severity'],
  offset: number,
  message: string,
): void {
  if (severity === 'error') context.errors++;
  if (context.problems.length < MAX_PROBLEMS) context.problems.push({ severity, message, offset });
  else context.dropped++;
}

// Compose's names are ASCII: [_a-zA-Z][_a-zA-Z0-9]*.
function isNameStart(char: string): boolean {
  return /^[A-Za-z_]$/.test(char);
}

function nameEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && /^[A-Za-z0-9_]$/.test(text.charAt(end))) end++;
  return end;
}
