import { z } from 'zod';
import { ParityConfigSchema } from './parity-config';

/** The schema's identifier; `yaml-language-server: $schema=` lines point at the file itself. */
export const PARITY_SCHEMA_ID = 'https://parity.dev/schema/parity.schema.json';

/**
 * The JSON Schema of parity.yaml that editors use to complete and check it, generated from
 * ParityConfigSchema so the two cannot disagree (schema/parity.schema.json is its committed copy).
 */
export function parityConfigJsonSchema(): z.core.JSONSchema.BaseSchema {
  const generated = z.toJSONSchema(ParityConfigSchema, {
    // Draft-07 is the newest draft that VS Code's YAML extension, IntelliJ and SchemaStore all
    // support fully; their 2019-09/2020-12 support is partial.
    target: 'draft-07',
    // The input side is what people write. It also leaves additionalProperties open on every
    // object zod strips (unknown keys are warnings, x- keys extensions) and closed only on the
    // strict ones (production entries).
    io: 'input',
    // Anything zod cannot express must fail here, not silently loosen the editor's checks.
    unrepresentable: 'throw',
  });
  const { $schema, ...rest } = generated;
  // Identification first, as people read the file top-down.
  return { $schema, $id: PARITY_SCHEMA_ID, title: 'parity.yaml', ...rest };
}
