import { isAbsolute, resolve } from 'node:path';
import type { SourcePosition } from '../../shared/diagnostics';
import type { Field } from '../../shared/model';
import type { NodeReader } from './node-reader';
import { isNull } from './node-reader';
import type { ServiceContext } from './normalize-service';
import type { EnvFileFormat } from './raw-env';
import type { YNode } from './yaml-tree';

/** One env_file entry: where the file is (as written), whether it must exist, how to read it. */
export interface EnvFileEntry {
  path: string;
  required: boolean;
  format: EnvFileFormat;
  pos: SourcePosition;
}

/** A service's environment, and the variables it declares without a value that are set nowhere. */
export interface ServiceEnvironment {
  environment: Record<string, Field<string>>;
  unset: Field<string>[];
}

/**
 * A service's environment: its env_file files in order, then `environment` over them. A KEY
 * written without a value takes it from the environment; set nowhere, it is unset in the
 * container (compose-go keeps it as null, since compose-spec/compose-go#654, and Compose passes
 * it to the engine as `KEY` alone): an env_file's value for it does not apply either.
 */
export function normalizeEnvironment(
  service: string,
  envFile: YNode | undefined,
  environment: YNode | undefined,
  ctx: ServiceContext,
): ServiceEnvironment {
  const result: Record<string, Field<string>> = {};
  const unset = new Map<string, Field<string>>();
  for (const entry of envFileEntries(envFile, ctx.reader, 'env_file')) {
    const path = isAbsolute(entry.path) ? entry.path : resolve(ctx.workingDir, entry.path);
    Object.assign(result, ctx.readEnvFile(path, entry.required, entry.pos, entry.format) ?? {});
  }
  for (const { key, value, node } of ctx.reader.keyValues(
    environment,
    `services.${service}.environment`,
  )) {
    const resolved = value ?? ctx.lookup(key);
    if (resolved === undefined) {
      delete result[key];
      unset.set(key, { value: key, source: node.pos });
    } else {
      unset.delete(key);
      result[key] = { value: resolved, source: node.pos };
    }
  }
  return { environment: result, unset: [...unset.values()] };
}

/**
 * The entries of an env_file list (a service's, or an include's): a path, or a list of paths and
 * `{ path, required, format }` mappings.
 */
export function envFileEntries(
  node: YNode | undefined,
  reader: NodeReader,
  what: string,
): EnvFileEntry[] {
  if (!node || isNull(node)) return [];
  const items = node.kind === 'seq' ? node.items : [node];
  return items.flatMap((item) => {
    if (item.kind === 'map') {
      const get = (key: string): YNode | undefined => item.entries.get(key)?.value;
      const path = reader.string(get('path'), `${what}.path`);
      const required = reader.boolean(get('required'), `${what}.required`) ?? true;
      const format = envFileFormat(get('format'), reader, what);
      return path === null || format === null ? [] : [{ path, required, format, pos: item.pos }];
    }
    const path = reader.string(item, what);
    return path === null ? [] : [{ path, required: true, format: 'dotenv', pos: item.pos }];
  });
}

// compose-go reads the .env syntax unless `format` names a registered parser, and the
// `docker compose` CLI registers one, `raw`; any other name fails the load.
function envFileFormat(
  node: YNode | undefined,
  reader: NodeReader,
  what: string,
): EnvFileFormat | null {
  const format = reader.string(node, `${what}.format`);
  if (format === null) return node && !isNull(node) ? null : 'dotenv';
  if (format === 'raw') return 'raw';
  if (node) {
    reader.report(
      'error',
      `found format "${format}" for ${what}, expected raw (or no format, for the .env syntax)`,
      node.pos,
    );
  }
  return null;
}
