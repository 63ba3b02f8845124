import type { Field, ServiceModel } from '../../shared/model';
import { resolveService } from './extends';
import { readIncludes } from './include';
import type { NodeReader } from './node-reader';
import { diagnosticsOf, parseComposeFile, type LoadScope } from './parsed-file';
import {
  mergeResource,
  overrideWarning,
  readResources,
  sameResource,
  type Resource,
} from './resources';
import { readFileSources, type FileKind, type FileSource } from './service-files';
import { TOP_LEVEL_KEYS } from './service-keys';
import type { YMap } from './yaml-tree';

/** What one compose file of a project defines, its includes and extends applied. */
export interface FileContent {
  name: Field<string> | null;
  services: Map<string, ServiceModel>;
  volumes: Map<string, Resource>;
  networks: Map<string, Resource>;
  /** Its top-level secrets and configs, the included projects' among them. */
  files: Record<FileKind, Map<string, FileSource>>;
}

/**
 * Reads one compose file of a (sub-)project: parsed and interpolated with the scope's
 * variables, the projects it includes imported, every service normalized with `extends`
 * applied. Problems go to the scope's diagnostics; null when the file cannot be read.
 */
export function readProjectFile(path: string, scope: LoadScope): FileContent | null {
  const file = parseComposeFile(path, scope.workingDir, scope);
  if (!file) return null;
  const { reader } = scope;
  checkTopLevelKeys(file.top, reader);
  const nameNode = file.top.entries.get('name')?.value;
  const nameValue = reader.string(nameNode, 'name');
  // compose-go applies `include` first, so that the file's services may extend included ones.
  const imported = readIncludes(file, scope, readProjectFile);
  const services = new Map<string, ServiceModel>();
  for (const [name, service] of imported.services) {
    const local = file.services.get(name);
    if (local) {
      diagnosticsOf(scope).push(
        overrideWarning('services', name, service.source, local.keyPos, 'include'),
      );
    } else {
      services.set(name, service);
    }
  }
  for (const name of file.services.keys()) {
    const service = resolveService(file, name, scope, imported.services);
    if (service) services.set(name, service);
  }
  return {
    name: nameValue !== null && nameNode ? { value: nameValue, source: nameNode.pos } : null,
    services,
    volumes: withImported('volumes', imported.volumes, file.top, scope),
    networks: withImported('networks', imported.networks, file.top, scope),
    files: {
      secret: withImportedFiles('secret', imported.files.secret, file.top, scope),
      config: withImportedFiles('config', imported.files.config, file.top, scope),
    },
  };
}

function checkTopLevelKeys(top: YMap, reader: NodeReader): void {
  for (const [key, entry] of top.entries) {
    if (key === 'version') {
      reader.report('warning', '"version" is obsolete and ignored, as in Compose v2', entry.keyPos);
    } else if (!TOP_LEVEL_KEYS.has(key) && !key.startsWith('x-')) {
      reader.report('warning', `unknown top-level key "${key}"`, entry.keyPos);
    }
  }
}

// The file's own volumes (or networks) over the imported ones.
function withImported(
  kind: 'volumes' | 'networks',
  imported: ReadonlyMap<string, Resource>,
  top: YMap,
  scope: LoadScope,
): Map<string, Resource> {
  const result = new Map(imported);
  for (const [key, resource] of readResources(top.entries.get(kind)?.value, scope.reader, kind)) {
    const earlier = imported.get(key);
    if (earlier && !sameResource(earlier, resource)) {
      diagnosticsOf(scope).push(
        overrideWarning(kind, key, earlier.source, resource.source, 'include'),
      );
    }
    result.set(key, earlier ? mergeResource(earlier, resource) : resource);
  }
  return result;
}

// The file's own secrets (or configs) over the imported ones.
function withImportedFiles(
  kind: FileKind,
  imported: ReadonlyMap<string, FileSource>,
  top: YMap,
  scope: LoadScope,
): Map<string, FileSource> {
  const own = top.entries.get(kind === 'secret' ? 'secrets' : 'configs')?.value;
  return new Map([...imported, ...readFileSources(own, kind, scope.reader, scope.workingDir)]);
}
