import { z } from 'zod';
import { isMapping } from './schema-helpers';

/** Walks `value` beside `schema`, collecting keys the schema strips without using. */
function collectUnknownKeys(
  schema: z.ZodType,
  value: unknown,
  path: string[],
  out: string[][],
): void {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    collectUnknownKeys(schema.unwrap() as z.ZodType, value, path, out);
  } else if (schema instanceof z.ZodPipe) {
    // A preprocess's input side is a function; the schema it feeds is the shape.
    const side = schema.in instanceof z.ZodTransform ? schema.out : schema.in;
    collectUnknownKeys(side as z.ZodType, value, path, out);
  } else if (schema instanceof z.ZodUnion) {
    // The option the value parses as is the one whose keys count; if none does, the parse
    // itself reports the value and a warning on top would only repeat it.
    const options = schema.options as readonly z.ZodType[];
    const option = options.find((candidate) => candidate.safeParse(value).success);
    if (option) collectUnknownKeys(option, value, path, out);
  } else if (schema instanceof z.ZodArray) {
    if (!Array.isArray(value)) return;
    value.forEach((item, index) => {
      collectUnknownKeys(schema.element as z.ZodType, item, [...path, String(index)], out);
    });
  } else if (schema instanceof z.ZodRecord) {
    if (!isMapping(value)) return;
    for (const [key, item] of Object.entries(value)) {
      collectUnknownKeys(schema.valueType as z.ZodType, item, [...path, key], out);
    }
  } else if (schema instanceof z.ZodObject) {
    if (!isMapping(value)) return;
    const shape = schema.shape as Record<string, z.ZodType>;
    // Strict objects reject unknown keys themselves (an error); loose ones keep them.
    const strips = schema.def.catchall === undefined;
    for (const [key, item] of Object.entries(value)) {
      const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
      if (field) collectUnknownKeys(field, item, [...path, key], out);
      else if (strips && !key.startsWith('x-')) out.push([...path, key]);
    }
  }
}

/**
 * The paths of keys in a parsed value that the schema does not know (list indices as decimal
 * strings), so a loader can warn about each at its position. `x-` keys are extensions, as in
 * Compose, and are not reported.
 */
export function unknownKeysOf(schema: z.ZodType, value: unknown): string[][] {
  const out: string[][] = [];
  collectUnknownKeys(schema, value, [], out);
  return out;
}
