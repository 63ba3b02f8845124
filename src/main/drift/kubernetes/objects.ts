import { readFileSync } from 'node:fs';
import type { SourcePosition } from '../../../shared/diagnostics';
import { describe, type NodeReader } from '../../config/node-reader';
import type { YMap, YNode } from '../../config/yaml-tree';
import type { ManifestFile } from './manifest-files';
import { parseYamlDocuments } from './yaml-documents';

/** One Kubernetes object of the inputs, with its tree. */
export interface K8sObject {
  kind: string;
  apiVersion: string | null;
  name: string | null;
  namespace: string | null;
  node: YMap;
  source: SourcePosition;
  helmSource: string | null;
}

/**
 * Every object of the files, in order: each document of a multi-document stream, and each
 * item of a `List` (or `DeploymentList`, ...) in its place. Problems go to the reader.
 */
export function readObjects(files: readonly ManifestFile[], reader: NodeReader): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file.path, 'utf8');
    } catch (error) {
      reader.diagnostics.push({
        severity: 'error',
        message: `cannot read ${file.display}: ${(error as Error).message}`,
      });
      continue;
    }
    const parsed = parseYamlDocuments(text, file.display);
    reader.diagnostics.push(...parsed.diagnostics);
    for (const doc of parsed.documents) collect(doc.root, doc.helmSource, reader, objects);
  }
  return objects;
}

/** The objects of documents already parsed (rendered output, positions already mapped). */
export function objectsOf(
  documents: readonly { root: YNode; helmSource: string | null }[],
  reader: NodeReader,
): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const doc of documents) collect(doc.root, doc.helmSource, reader, objects);
  return objects;
}

function collect(
  node: YNode,
  helmSource: string | null,
  reader: NodeReader,
  into: K8sObject[],
): void {
  if (node.kind !== 'map') {
    reader.report(
      'error',
      `found ${describe(node)}, expected a Kubernetes object (a mapping with apiVersion and kind)`,
      node.pos,
    );
    return;
  }
  const get = (key: string): YNode | undefined => node.entries.get(key)?.value;
  const kind = reader.string(get('kind'), 'kind');
  if (kind === null) {
    reader.report('error', 'found an object without kind, expected a Kubernetes object', node.pos);
    return;
  }
  const items = get('items');
  if (kind.endsWith('List') && items) {
    if (items.kind === 'seq')
      items.items.forEach((item) => collect(item, helmSource, reader, into));
    else if (items.kind === 'map' || items.value !== null)
      reader.report(
        'error',
        `found ${describe(items)} for ${kind}.items, expected a list`,
        items.pos,
      );
    return;
  }
  const metadata = reader.map(get('metadata'), `${kind}.metadata`);
  const meta = (key: string): string | null =>
    reader.string(metadata?.entries.get(key)?.value, `${kind}.metadata.${key}`);
  into.push({
    kind,
    apiVersion: reader.string(get('apiVersion'), 'apiVersion'),
    name: meta('name') ?? meta('generateName'),
    namespace: meta('namespace'),
    node,
    source: node.pos,
    helmSource,
  });
}

/** Whether two namespaces can be the same one: equal, or one left to `kubectl -n`. */
export function sameNamespace(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b;
}
