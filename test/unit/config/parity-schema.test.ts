import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  PARITY_SCHEMA_ID,
  parityConfigJsonSchema,
} from '../../../src/shared/parity-config-json-schema';

const SCHEMA_FILE = fileURLToPath(new URL('../../../schema/parity.schema.json', import.meta.url));
const SHOP_PARITY_YAML = fileURLToPath(
  new URL('../../../examples/shop/parity.yaml', import.meta.url),
);
const UPDATE_COMMAND =
  'UPDATE_SCHEMA=1 npx vitest run --project unit test/unit/config/parity-schema.test.ts';

/** The committed file's text: the generated schema as Prettier writes JSON, so `format:check` passes. */
async function expectedSchemaText(): Promise<string> {
  const options = await resolveConfig(SCHEMA_FILE);
  return format(JSON.stringify(parityConfigJsonSchema(), null, 2), {
    ...options,
    filepath: SCHEMA_FILE,
  });
}

type JsonSchema = boolean | { [keyword: string]: unknown };

// Keywords that only inform; everything else must be checked below, or the check fails loudly
// rather than passing a schema it did not understand.
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description']);

/**
 * A small draft-07 validator for the keywords the generated schema uses: enough to show that the
 * file editors load accepts real configs and refuses broken ones, with no validator dependency.
 */
function validate(schema: JsonSchema, value: unknown, at = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${at}: not allowed`];
  const errors: string[] = [];
  const sub = (keyword: string): JsonSchema => schema[keyword] as JsonSchema;
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  for (const keyword of Object.keys(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    switch (keyword) {
      case 'type': {
        const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
        if (actual !== schema.type) errors.push(`${at}: expected ${String(schema.type)}`);
        break;
      }
      case 'enum':
        if (!(schema.enum as unknown[]).includes(value)) errors.push(`${at}: not in enum`);
        break;
      case 'minLength':
        if (typeof value === 'string' && value.length < (schema.minLength as number)) {
          errors.push(`${at}: too short`);
        }
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(schema.pattern as string, 'u').test(value)) {
          errors.push(`${at}: does not match ${String(schema.pattern)}`);
        }
        break;
      case 'minItems':
        if (Array.isArray(value) && value.length < (schema.minItems as number)) {
          errors.push(`${at}: too few items`);
        }
        break;
      case 'items':
        if (Array.isArray(value)) {
          value.forEach((item, i) => errors.push(...validate(sub('items'), item, `${at}[${i}]`)));
        }
        break;
      case 'anyOf':
        if ((schema.anyOf as JsonSchema[]).every((option) => validate(option, value, at).length)) {
          errors.push(`${at}: matches none of anyOf`);
        }
        break;
      case 'required':
        if (isObject) {
          for (const key of schema.required as string[]) {
            if (!(key in value)) errors.push(`${at}: missing ${key}`);
          }
        }
        break;
      case 'properties':
      case 'additionalProperties':
      case 'propertyNames':
        break; // Checked together, below.
      default:
        throw new Error(`the test validator does not know "${keyword}" (at ${at}); teach it`);
    }
  }
  if (isObject) errors.push(...validateObject(schema, value, at));
  return errors;
}

/** properties, additionalProperties and propertyNames, which only mean something together. */
function validateObject(
  schema: { [keyword: string]: unknown },
  value: object,
  at: string,
): string[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const additional = (schema.additionalProperties ?? true) as JsonSchema;
  const names = (schema.propertyNames ?? true) as JsonSchema;
  const errors: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    errors.push(...validate(names, key, `${at}.${key} (key)`));
    const known = Object.hasOwn(properties, key) ? properties[key] : undefined;
    errors.push(...validate(known ?? additional, item, `${at}.${key}`));
  }
  return errors;
}

describe('schema/parity.schema.json', () => {
  it('is ParityConfigSchema as JSON Schema (regenerate it when the schema changes)', async () => {
    const expected = await expectedSchemaText();
    if (process.env.UPDATE_SCHEMA === '1') {
      mkdirSync(dirname(SCHEMA_FILE), { recursive: true });
      writeFileSync(SCHEMA_FILE, expected);
    }
    const committed = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, 'utf8') : null;
    expect(
      committed,
      `schema/parity.schema.json is ${committed === null ? 'missing' : 'out of date'}: ` +
        `regenerate it from src/shared/parity-config.ts with\n  ${UPDATE_COMMAND}\nand commit it.`,
    ).toBe(expected);
  });

  it('identifies itself for editors', () => {
    const schema = parityConfigJsonSchema();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe(PARITY_SCHEMA_ID);
    expect(schema.title).toBe('parity.yaml');
    expect(schema.description).toEqual(expect.any(String));
  });

  it('is the schema the shop example names in its yaml-language-server line', () => {
    const text = readFileSync(SHOP_PARITY_YAML, 'utf8');
    const match = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text);
    expect(match?.[1]).toBeDefined();
    expect(resolve(dirname(SHOP_PARITY_YAML), match?.[1] ?? '')).toBe(SCHEMA_FILE);
  });

  it('carries what editors need: required keys, severity values, descriptions', () => {
    const schema = parityConfigJsonSchema();
    const json = JSON.stringify(schema);
    expect(json).toContain('"required":["path","reason"]');
    expect(json).toContain('"required":["name","service","run"]');
    expect(json).toContain('"enum":["error","warning","info"]');
    // Top-level keys stay open: unknown keys are Parity warnings, x- keys extensions.
    expect(schema.additionalProperties).toBeUndefined();
    for (const key of ['name', 'compose', 'production', 'map', 'drift', 'actions']) {
      const property = schema.properties?.[key];
      expect(typeof property === 'object' && property.description, key).toBeTruthy();
    }
  });

  it('accepts the shop example and refuses what ParityConfigSchema refuses', () => {
    const schema = parityConfigJsonSchema() as JsonSchema;
    // The bare `-` quoted, as in parity-config.test.ts, until the example quotes it itself.
    const shop: unknown = parse(
      readFileSync(SHOP_PARITY_YAML, 'utf8').replaceAll(', -, ', ', "-", '),
    );
    expect(validate(schema, shop)).toEqual([]);
    expect(validate(schema, { 'x-anything': 1, nmae: 'typo' })).toEqual([]);
    expect(validate(schema, { drift: { accept: [{ path: 'web.image' }] } })).toEqual([
      '$.drift.accept[0]: missing reason',
    ]);
    expect(validate(schema, { drift: { severity: { '*.image': 'fatal' } } })).toEqual([
      '$.drift.severity.*.image: not in enum',
    ]);
    expect(validate(schema, { production: [{ helm: 'chart' }] })).toEqual([
      '$.production[0]: matches none of anyOf',
    ]);
    expect(validate(schema, { name: 'My Shop' })).toEqual([
      '$.name: does not match ^[a-z0-9][a-z0-9_-]*$',
    ]);
    expect(validate(schema, { actions: [{ name: 'a', service: 'api', run: [] }] })).toEqual([
      '$.actions[0].run: matches none of anyOf',
    ]);
  });
});
