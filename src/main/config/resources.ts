import type { SourcePosition } from '../../shared/diagnostics';
import type { ResourceCreate } from '../../shared/model';
import { isNull, type NodeReader } from './node-reader';
import { readResourceCreate } from './resource-create';
import type { YNode } from './yaml-tree';

/** A volume or network as one file declares it. */
export interface Resource {
  explicitName: string | null;
  external: boolean;
  create: ResourceCreate | null;
  source: SourcePosition;
}

/** The top-level `volumes` or `networks` of a file. */
export function readResources(
  node: YNode | undefined,
  reader: NodeReader,
  what: 'volumes' | 'networks',
): Map<string, Resource> {
  const result = new Map<string, Resource>();
  const map = reader.map(node, what);
  for (const [key, entry] of map?.entries ?? []) {
    const body = isNull(entry.value) ? null : reader.map(entry.value, `${what}.${key}`);
    const external = body?.entries.get('external')?.value;
    result.set(key, {
      explicitName: reader.string(body?.entries.get('name')?.value, `${what}.${key}.name`),
      external: external?.kind === 'scalar' ? external.value === true : external?.kind === 'map',
      create: readResourceCreate(body, what, `${what}.${key}`, reader),
      source: entry.keyPos,
    });
  }
  return result;
}

/** Whether two declarations say the same (compose-go skips a resource imported twice alike). */
export function sameResource(a: Resource, b: Resource): boolean {
  return (
    a.explicitName === b.explicitName &&
    a.external === b.external &&
    JSON.stringify(a.create) === JSON.stringify(b.create)
  );
}

/** A volume or network defined again: what the later definition writes wins. */
export function mergeResource(base: Resource, over: Resource): Resource {
  return {
    explicitName: over.explicitName ?? base.explicitName,
    external: over.external || base.external,
    create: over.create ?? base.create,
    source: over.source,
  };
}

/**
 * The warning for a resource defined twice: by the including file over an included project
 * (`over: 'include'`, the including file wins), or by two included projects (the first wins).
 */
export function overrideWarning(
  kind: 'services' | 'volumes' | 'networks',
  name: string,
  other: SourcePosition,
  position: SourcePosition,
  over: 'include' | 'earlier include',
): { severity: 'warning'; message: string; position: SourcePosition } {
  const at = `${other.file}:${other.line}:${other.column}`;
  const what =
    over === 'include'
      ? `is also defined by an included project (${at}); Compose v5 merges this definition over that one`
      : `is also defined by an earlier included project (${at}); Compose v5 merges that definition over this one`;
  return {
    severity: 'warning',
    message: `${kind}.${name} ${what}, Compose v2 releases since v2.24 refuse the project ("${kind}.${name} conflicts with imported resource")`,
    position,
  };
}
