// `extends`, as compose-go v2 applies it (loader/extends.go, override/extends.go):
//
// - `extends: base` names a service of the same file; `extends: { service, file }` one of another
//   file, whose path resolves against the folder of the file that says `extends`.
// - A file read for `extends` is interpolated with the same variables, and its relative paths
//   (build context, bind sources, env_file) resolve against its own folder. Its `include` and its
//   other services are not part of the project.
// - The base is resolved first (chains work, across files), then the local service is merged over
//   it with the rules of an override file (mergeService). A (file, service) pair met twice on the
//   way is a circular reference.
// - Since compose-go v2.4.7 (Compose v2.32.1, compose-go PRs 718 and 721), `depends_on` and
//   `volumes_from` of the base are not inherited, as the Compose docs have always said; the local
//   service's own are kept. Everything else is inherited, `links` and `profiles` included (a
//   list, so the local profiles are appended to the base's). Parity's model has no
//   `volumes_from` or `links`, so dropping the base's `depends_on` is what it does.
// - In a project file, `include` is applied first, so a service may extend an included one.
import { dirname, resolve } from 'node:path';
import type { SourcePosition } from '../../shared/diagnostics';
import type { ServiceModel } from '../../shared/model';
import { mergeService } from './merge-services';
import { describe, isNull, type NodeReader } from './node-reader';
import { normalizeService } from './normalize-service';
import {
  diagnosticsOf,
  parseComposeFile,
  serviceContext,
  serviceNode,
  type LoadScope,
  type ParsedFile,
} from './parsed-file';
import type { YEntry } from './yaml-tree';

interface Reference {
  service: string;
  servicePos: SourcePosition;
  file: string | null;
  filePos: SourcePosition;
}

interface Link {
  file: ParsedFile;
  service: string;
}

// Real chains are a few services long; a repository's file must not make Parity recurse
// without end (a stack overflow) or merge each of thousands of services along a chain of
// thousands. Longer chains are refused; each service is resolved once per load.
const MAX_CHAIN = 64;
const resolved = new WeakMap<ParsedFile, Map<string, ServiceModel | null>>();
// The key under which a refused chain is remembered among the reported cycles: once per load.
const LONG_CHAIN = '\0long chain';

/**
 * A service of `file` as the project sees it: written over the service `include` brought in under
 * the same name (if any), then over the service it extends. Null when it cannot be read at all,
 * or its chain of extends is broken (a cycle, or too long: reported).
 */
export function resolveService(
  file: ParsedFile,
  name: string,
  scope: LoadScope,
  imported: ReadonlyMap<string, ServiceModel>,
  chain: readonly Link[] = [{ file, service: name }],
): ServiceModel | null {
  // A file's `imported` is the same on every call (its include's services, or none for a file
  // read for extends), so what a service resolves to is too.
  let known = resolved.get(file);
  if (!known) {
    known = new Map<string, ServiceModel | null>();
    resolved.set(file, known);
  }
  if (known.has(name)) return known.get(name) ?? null;
  const service = resolveUncached(file, name, scope, imported, chain);
  known.set(name, service);
  return service;
}

function resolveUncached(
  file: ParsedFile,
  name: string,
  scope: LoadScope,
  imported: ReadonlyMap<string, ServiceModel>,
  chain: readonly Link[],
): ServiceModel | null {
  const entry = file.services.get(name);
  const fromInclude = imported.get(name) ?? null;
  const node = entry ? serviceNode(name, entry, scope.reader) : null;
  if (!entry || !node) return fromInclude;
  const own = normalizeService(name, node, entry.keyPos, serviceContext(file, scope));
  const local = fromInclude ? renamed(mergeService(fromInclude, own), own) : own;
  const extendsEntry = node.entries.get('extends');
  if (!extendsEntry || isNull(extendsEntry.value)) return local;
  const reference = readReference(name, extendsEntry, scope.reader);
  const target = reference && baseFile(file, name, reference, scope, imported);
  if (!reference || !target) return local;
  const link = { file: target, service: reference.service };
  const seen = chain.findIndex((l) => l.file.path === target.path && l.service === link.service);
  if (seen >= 0) {
    reportCycle([...chain.slice(seen), link], extendsEntry.keyPos, scope);
    return null;
  }
  if (chain.length >= MAX_CHAIN) {
    if (scope.reportedCycles.has(LONG_CHAIN)) return null;
    scope.reportedCycles.add(LONG_CHAIN);
    diagnosticsOf(scope).push({
      severity: 'error',
      message: `found a chain of more than ${MAX_CHAIN} services extending one another from "${chain[0]?.service}", expected at most ${MAX_CHAIN}`,
      position: extendsEntry.keyPos,
    });
    return null;
  }
  const base = resolveService(
    target,
    reference.service,
    scope,
    target === file ? imported : new Map(),
    [...chain, link],
  );
  // A base that cannot be read or whose chain is broken breaks this one's too (reported there).
  if (!base) return null;
  // The base's dependencies stay with it: they name services of its own file.
  return renamed(mergeService({ ...base, dependsOn: {} }, local), local);
}

// The merged service is the local one: its name, and the position of its key.
function renamed(merged: ServiceModel, local: ServiceModel): ServiceModel {
  return { ...merged, name: local.name, source: local.source };
}

function readReference(name: string, entry: YEntry, reader: NodeReader): Reference | null {
  const node = entry.value;
  const what = `services.${name}.extends`;
  if (node.kind === 'scalar') {
    return { service: String(node.value), servicePos: node.pos, file: null, filePos: node.pos };
  }
  if (node.kind === 'seq') {
    reader.report(
      'error',
      `found a list for ${what}, expected a service name or a mapping with service and file`,
      node.pos,
    );
    return null;
  }
  const serviceValue = node.entries.get('service')?.value;
  const fileValue = node.entries.get('file')?.value;
  const service = reader.string(serviceValue, `${what}.service`);
  const file = reader.string(fileValue, `${what}.file`);
  if (service === null || !serviceValue) {
    if (!serviceValue || isNull(serviceValue)) {
      reader.report(
        'error',
        `found ${describe(node)} without "service" for ${what}, expected the name of the service to extend`,
        node.pos,
      );
    }
    return null;
  }
  if (fileValue && !isNull(fileValue) && file === null) return null;
  return { service, servicePos: serviceValue.pos, file, filePos: fileValue?.pos ?? node.pos };
}

// The file that holds the base service, or null (reported) when it or the service is missing.
function baseFile(
  file: ParsedFile,
  name: string,
  reference: Reference,
  scope: LoadScope,
  imported: ReadonlyMap<string, ServiceModel>,
): ParsedFile | null {
  const prefix = `cannot extend service "${name}" in ${file.display}: `;
  let target: ParsedFile | null = file;
  if (reference.file !== null) {
    target = extendsFile(resolve(file.dir, reference.file), scope, {
      position: reference.filePos,
      prefix,
    });
    if (!target) return null;
  }
  const found =
    target.services.has(reference.service) || (target === file && imported.has(reference.service));
  if (found) return target;
  const where = reference.file === null ? '' : ` in ${target.display}`;
  diagnosticsOf(scope).push({
    severity: 'error',
    message: `${prefix}service "${reference.service}" not found${where}`,
    position: reference.servicePos,
  });
  return null;
}

// A file read for extends is read once per scope; its relative paths resolve in its own folder.
function extendsFile(
  path: string,
  scope: LoadScope,
  from: { position: SourcePosition; prefix: string },
): ParsedFile | null {
  const cached = scope.extendsFiles.get(path);
  if (cached !== undefined) return cached;
  const parsed = parseComposeFile(path, dirname(path), scope, from);
  scope.extendsFiles.set(path, parsed);
  return parsed;
}

// compose-go: "Circular reference: a in compose.yaml, extends b in compose.yaml, extends a ...".
// Each service of the cycle meets it; the cycle is reported once, where it was first closed.
function reportCycle(cycle: readonly Link[], position: SourcePosition, scope: LoadScope): void {
  const key = [...new Set(cycle.map((l) => `${l.file.path}\n${l.service}`))].sort().join('\n');
  if (scope.reportedCycles.has(key)) return;
  scope.reportedCycles.add(key);
  const steps = cycle.map(
    (l, i) => `${i === 0 ? '' : 'extends '}${l.service} in ${l.file.display}`,
  );
  diagnosticsOf(scope).push({
    severity: 'error',
    message: `circular reference: ${steps.join(' ')}`,
    position,
  });
}
