// Compose v2 variable interpolation, matching compose-go v2 (template/template.go) and the
// Compose Specification's "Interpolation" section. compose-go finds references with a regular
// expression whose `${NAME<op>...}` branch runs greedily to the last `}` of the line, then cuts
// that match at its first balanced `}`; this scanner reproduces both steps so the edge cases
// (a `}` inside a default, an unclosed nested `${`) come out as Compose's do.

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
}

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
  const context: Context = { lookup, problems: [], warned: new Set() };
  const value = substitute(text, 0, context);
  const failed = context.problems.some((problem) => problem.severity === 'error');
  return { value: failed ? text : value, problems: context.problems };
}

// `base` is where `text` starts in the string given to interpolate, so nested defaults and
// alternatives report offsets in the user's text.
function substitute(text: string, base: number, context: Context): string {
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
      const reference = readBraced(text, dollar);
      if (reference.kind === 'invalid') {
        report(context, 'error', base + dollar, invalidMessage(text, dollar, reference.reason));
        // Compose's invalid match is the `${` alone; scanning resumes right after it.
        index = dollar + 2;
      } else if (reference.kind === 'plain') {
        out += resolvePlain(reference.name, base + dollar, context);
        index = reference.end;
      } else {
        const arg = text.slice(reference.argStart, reference.close);
        out += applyOperator(reference, arg, base + reference.argStart, base + dollar, context);
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
  argOffset: number,
  offset: number,
  context: Context,
): string {
  const value = context.lookup(reference.name);
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  const argument = (): string => substitute(arg, argOffset, context);
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
      const errorsBefore = countErrors(context);
      const reason = argument();
      // Like compose-go, an error inside the message itself is the one reported.
      if (countErrors(context) === errorsBefore) {
        const suffix = reason === '' ? '' : `: ${reason}`;
        const message = `required variable ${reference.name} is missing a value${suffix}`;
        report(context, 'error', offset, message);
      }
      return '';
    }
  }
}

function readBraced(text: string, dollar: number): BracedReference {
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
  const lineEnd = text.indexOf('\n', argStart);
  const lastBrace = text.lastIndexOf('}', (lineEnd < 0 ? text.length : lineEnd) - 1);
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

function invalidMessage(text: string, dollar: number, reason: string): string {
  const lineEnd = text.indexOf('\n', dollar);
  const line = text.slice(dollar, lineEnd < 0 ? text.length : lineEnd);
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
  context.problems.push({ severity, message, offset });
}

function countErrors(context: Context): number {
  return context.problems.filter((problem) => problem.severity === 'error').length;
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
