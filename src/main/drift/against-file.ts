import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ProductionSource } from '../../shared/parity-config';
import { readRepositoryText } from '../config/read-text';

/** What `parity drift --against FILE` compares with, or why the file cannot be used. */
export type AgainstFile = { source: ProductionSource } | { error: string };

const EXPECTED =
  'expected a production compose file, Kubernetes manifests (a file or a folder) or a Parity snapshot (.json)';

/**
 * Decides what kind of production description a path is, by extension and content: a folder
 * holds Kubernetes manifests; a file whose documents carry `apiVersion` and `kind` (or a
 * `kind: List` of `items`, as `kubectl get -o json` prints) is a manifest; other JSON is a
 * Parity snapshot; other YAML with `services:` (or `include:`) is a compose file.
 */
export function sourceOfFile(path: string): AgainstFile {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return { error: `--against: found no file or folder "${path}", ${EXPECTED}` };
  }
  if (isDir) return { source: { kubernetes: path } };
  let text: string;
  try {
    text = readRepositoryText(path);
  } catch (error) {
    return { error: `--against: cannot read ${path}: ${(error as Error).message}` };
  }
  const documents = parseAllDocuments(text);
  // The yaml library refuses to expand an alias bomb (it throws): such a document counts as
  // broken, and the reader it goes to says where and why.
  let expanded = true;
  const docs = (Array.isArray(documents) ? documents : []).map((doc) => {
    if (doc.errors.length > 0) return undefined;
    try {
      return doc.toJSON() as unknown;
    } catch {
      expanded = false;
      return undefined;
    }
  });
  const broken =
    !expanded || !Array.isArray(documents) || documents.some((doc) => doc.errors.length > 0);
  if (docs.some(isManifest)) return { source: { kubernetes: path } };
  if (extname(path).toLowerCase() === '.json') {
    return broken
      ? { error: `--against: ${path} is not valid JSON, ${EXPECTED}` }
      : { source: { snapshot: path } };
  }
  // A file that does not parse goes to the compose reader, which says where and why.
  const [first] = docs;
  if (broken || (isObject(first) && ('services' in first || 'include' in first))) {
    return { source: { compose: path } };
  }
  return {
    error: `--against: ${path} has neither Kubernetes objects (apiVersion, kind) nor Compose services, ${EXPECTED}`,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isManifest(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (typeof value.apiVersion === 'string' && typeof value.kind === 'string') return true;
  return Array.isArray(value.items) && value.items.some(isManifest);
}
