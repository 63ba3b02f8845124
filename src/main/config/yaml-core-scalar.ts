import { isScalar, Schema, type ScalarTag } from 'yaml';
import type { YScalar } from './yaml-tree';

// Plain scalars are resolved by the yaml library's own YAML 1.2 core schema tags (the schema
// parseDocument uses by default), so `on`/`yes` stay strings, `0o17` is 15 and `.inf` Infinity.
const coreTags = new Schema({}).tags.filter(
  (tag): tag is ScalarTag => !tag.collection && tag.default === true && tag.test !== undefined,
);
// Every value of those tags starts with one of these (or is empty): others are strings as is.
const MAY_RESOLVE = new Uint8Array(128);
for (const c of '-+.~0123456789nNtTfF') MAY_RESOLVE[c.charCodeAt(0)] = 1;

/**
 * The value of a plain scalar as the yaml library's core schema resolves it; undefined for a
 * value of another type, which the schema never gives.
 */
export function plainValue(source: string): YScalar['value'] | undefined {
  const first = source.charCodeAt(0);
  if (first < 128 && MAY_RESOLVE[first] === 0) return source;
  // Manifests repeat the same few numbers and booleans (ports, replicas, `true`) many times.
  if (resolved.has(source)) return resolved.get(source);
  if (resolved.size >= MAX_RESOLVED) resolved.clear();
  const value = resolve(source);
  resolved.set(source, value);
  return value;
}

const MAX_RESOLVED = 4096;
const resolved = new Map<string, YScalar['value'] | undefined>();

function resolve(source: string): YScalar['value'] | undefined {
  for (const tag of coreTags) {
    if (!tag.test?.test(source)) continue;
    const result = tag.resolve(source, () => undefined, {});
    const value: unknown = isScalar(result) ? result.value : result;
    // The core schema resolves to null, booleans and numbers only.
    return typeof value === 'number' || typeof value === 'boolean' || value === null
      ? value
      : undefined;
  }
  return source;
}
