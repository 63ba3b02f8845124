import type { Dependency } from '../../../shared/model';
import { foundText, SyntaxValueError } from './syntax-error';
import { toBoolean } from './boolean';

/** What a service waits for before it starts. */
export type { Dependency };

const CONDITIONS = [
  'service_started',
  'service_healthy',
  'service_completed_successfully',
] as const;
const KEYS = ['condition', 'required', 'restart'];
const SERVICE_NAME = /^[a-zA-Z0-9._-]+$/;
const EXPECTED = 'a list of service names, or a mapping of service names to { condition }';

/** Both forms of `depends_on` as one mapping, with Compose's defaults (started, required, no restart). */
export function normalizeDependsOn(
  value: string[] | Record<string, unknown>,
): Record<string, Dependency> {
  if (Array.isArray(value)) return fromList(value);
  if (typeof value !== 'object' || value === null) {
    throw new SyntaxValueError(foundText(value), EXPECTED);
  }
  // fromEntries, so that a service called "__proto__" stays an ordinary key.
  return Object.fromEntries(
    Object.entries(value).map(([name, entry]) => [name, fromEntry(name, entry)]),
  );
}

function fromList(names: readonly unknown[]): Record<string, Dependency> {
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string') throw new SyntaxValueError(foundText(name), 'a service name');
    // The schema wants each name once.
    if (seen.has(name)) throw new SyntaxValueError(name, 'each service listed once');
    seen.add(name);
  }
  return Object.fromEntries(
    [...seen].map((name) => [
      name,
      { condition: 'service_started', required: true, restart: false },
    ]),
  );
}

function fromEntry(name: string, entry: unknown): Dependency {
  if (!SERVICE_NAME.test(name)) {
    throw new SyntaxValueError(name, 'a service name of letters, digits, ".", "_" or "-"');
  }
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new SyntaxValueError(
      `${name}: ${foundText(entry)}`,
      `a mapping with a condition for "${name}"`,
    );
  }
  const fields = entry as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!KEYS.includes(key) && !key.startsWith('x-')) {
      throw new SyntaxValueError(key, `a key of depends_on.${name}: ${KEYS.join(', ')}`);
    }
  }
  // The schema requires the condition in the long form; Compose validates before it would
  // fill in a default.
  const condition = CONDITIONS.find((candidate) => candidate === fields.condition);
  if (!condition) {
    throw new SyntaxValueError(
      foundText(fields.condition),
      `a condition: ${CONDITIONS.join(', ')}`,
    );
  }
  return {
    condition,
    required: toBoolean(fields.required, 'required') ?? true,
    restart: toBoolean(fields.restart, 'restart') ?? false,
  };
}
