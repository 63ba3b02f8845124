import type { z } from 'zod';
import { found } from '../../shared/schema-helpers';

/** Settings (a file, a patch, a project list) that do not fit the schema; the message says why. */
export class InvalidSettingsError extends Error {
  override name = 'InvalidSettingsError';
}

/** The settings file exists but cannot be read or written (permissions, a folder in its place). */
export class SettingsFileError extends Error {
  override name = 'SettingsFileError';
}

/** One line per problem, e.g. `logRingSize must be at least 100 (found the number 5)`. */
export function describeIssues(error: z.ZodError, input: unknown): string {
  return error.issues.map((issue) => describeIssue(issue, input)).join('; ');
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the settings';
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length > 1 ? 'keys' : 'key'} ${issue.keys.map((k) => `"${k}"`).join(', ')} in ${where}`;
    case 'invalid_value':
      return `${where} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')} (found ${found(value)})`;
    case 'too_small':
      return issue.origin === 'string'
        ? `${where} must not be empty`
        : `${where} must be at least ${String(issue.minimum)} (found ${found(value)})`;
    case 'too_big':
      return `${where} must be at most ${String(issue.maximum)} (found ${found(value)})`;
    case 'invalid_type':
      return value === undefined
        ? `${where} is missing`
        : `${where} must be ${article(issue.expected)} (found ${found(value)})`;
    case 'invalid_format':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'not_multiple_of':
    case 'custom':
      return `${where}: ${issue.message}`;
  }
}

function article(expected: string): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'null') return 'null';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
