import { z } from 'zod';

// Building blocks for schemas of user-written YAML: messages say what was found and what was
// expected, and issues point at the exact list item or key.

/** One problem with a precise path, relative to the value being checked. */
export interface PathIssue {
  path: PropertyKey[];
  message: string;
}

/** How a YAML value reads in a message: `the number 5`, `a list`, `"My Shop"`. */
export function found(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'an empty value';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return input === '' ? 'an empty string' : `"${input}"`;
  if (typeof input === 'number') return `the number ${input}`;
  if (typeof input === 'boolean') return `${input}`;
  return `a ${typeof input}`;
}

/**
 * The message for a missing value or one of the wrong type; `what` is what was expected, and
 * `isText` says it is text, so a number or boolean gets the hint to quote it.
 */
export function expecting(what: string, isText = false): (issue: { input?: unknown }) => string {
  return ({ input }) => {
    if (input === undefined) return `missing ${what}`;
    // YAML reads 5, true and 1.0 as non-strings; say how to keep them as text.
    const quote =
      isText && (typeof input === 'number' || typeof input === 'boolean')
        ? `; write it in quotes ("${String(input)}") to keep it as text`
        : '';
    return `found ${found(input)}, expected ${what}${quote}`;
  };
}

/** A required non-empty string; `what` names it in messages ("a compose file path"). */
export function text(what: string): z.ZodString {
  return z
    .string({ error: expecting(what, true) })
    .min(1, { error: `found an empty string, expected ${what}`, abort: true });
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The issues `schema` finds in `value`, with paths under `prefix`. */
export function issuesOf(
  schema: z.ZodType,
  value: unknown,
  prefix: PropertyKey[] = [],
): PathIssue[] {
  const result = schema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({
        path: [...prefix, ...issue.path],
        message: issue.message,
      }));
}

/**
 * `schema` as TypeScript and the JSON Schema see it, validated first by `check`. A zod union
 * that fails reports a bare "Invalid input" on the parent; `check` reports each problem at its
 * own path instead, and when it passes the union cannot fail.
 */
export function checkedFirst<S extends z.ZodType>(
  check: (value: unknown) => PathIssue[],
  schema: S,
): z.ZodPreprocess<S> {
  return z.preprocess((value, ctx) => {
    for (const issue of check(value)) {
      ctx.addIssue({ code: 'custom', input: value, path: issue.path, message: issue.message });
    }
    return value;
  }, schema);
}

/** One value or a non-empty list of them, with errors at the exact list item. */
export function oneOrList<S extends z.ZodType, L extends z.ZodType>(
  single: S,
  list: L,
  expected: string,
): z.ZodPreprocess<z.ZodUnion<[S, L]>> {
  return checkedFirst(
    (value) =>
      Array.isArray(value)
        ? issuesOf(list, value)
        : typeof value === 'string'
          ? issuesOf(single, value)
          : [{ path: [], message: expecting(expected, true)({ input: value }) }],
    z.union([single, list]),
  );
}

/** A record's bad key reads as its key schema's own message, not zod's "Invalid key in record". */
export function keyMessage(
  issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidKey>,
): string | undefined {
  return issue.issues[0]?.message;
}
