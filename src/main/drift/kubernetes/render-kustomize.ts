import { dirname, relative, sep } from 'node:path';
import type { Diagnostic } from '../../../shared/diagnostics';
import type { NodeReader } from '../../config/node-reader';
import { kustomizationOf, layersOf, loadLayers } from './kustomization';
import { originsOf } from './kustomize-origins';
import { mapPositions } from './kustomize-positions';
import { objectsOf, type K8sObject } from './objects';
import { cachedRender, keepRender, renderKey } from './render-cache';
import { findTool, runTool, type Tool } from './render-tool';
import { parseYamlDocuments } from './yaml-documents';

/** Whether a production path is a Kustomize root: a folder holding a kustomization, or the file. */
export function isKustomization(path: string): boolean {
  return kustomizationOf(path) !== null;
}

/**
 * The objects a kustomization renders to, as `kubectl kustomize` (or `kustomize build`) prints
 * them, with positions in the resource, patch and kustomization files they came from. Remote
 * bases and Helm charts are refused before the tool runs; a failed render is an error naming
 * the kustomization and the tool's message. Never throws.
 */
export function renderKustomization(
  path: string,
  baseDir: string,
  reader: NodeReader,
  env: NodeJS.ProcessEnv = process.env,
): K8sObject[] {
  const file = kustomizationOf(path);
  if (!file) return [];
  const display = relative(baseDir, file).split(sep).join('/') || file;
  const diagnostics: Diagnostic[] = [];
  const root = loadLayers(file, baseDir, diagnostics);
  reader.diagnostics.push(...diagnostics);
  if (!root || diagnostics.some((d) => d.severity === 'error')) return [];
  const at = { file: display, line: 1, column: 1 };
  const found = kustomizeTool(env);
  if (!found) {
    reader.report(
      'error',
      `${display} is a Kustomize file, and neither kustomize nor kubectl is on PATH to render it: install one (kubectl includes Kustomize), or name rendered manifests in parity.yaml`,
      at,
    );
    return [];
  }
  const dir = dirname(file);
  const args = [...found.args, dir];
  const key = renderKey({
    tool: found.tool.identity,
    args,
    dirs: layersOf(root).map((layer) => layer.dir),
    files: [],
  });
  let text = key ? cachedRender(key) : null;
  if (text === null) {
    const run = runTool(found.tool, args, dir);
    if (!run.ok) {
      reader.report('error', `${found.command} failed on ${display}: ${run.message}`, at);
      return [];
    }
    text = run.stdout;
    if (key) keepRender(key, text);
  }
  const origins = originsOf(root, baseDir, reader.diagnostics);
  const parsed = parseYamlDocuments(text, `${display} (rendered)`);
  reader.diagnostics.push(...parsed.diagnostics);
  const documents = parsed.documents.map((doc) => ({
    root: doc.root.kind === 'map' ? mapPositions(origins, doc.root) : doc.root,
    helmSource: null,
  }));
  return objectsOf(documents, reader);
}

// The standalone kustomize first (often newer), else kubectl's built-in one.
function kustomizeTool(
  env: NodeJS.ProcessEnv,
): { tool: Tool; args: string[]; command: string } | null {
  const kustomize = findTool('kustomize', env);
  if (kustomize) return { tool: kustomize, args: ['build'], command: 'kustomize build' };
  const kubectl = findTool('kubectl', env);
  if (kubectl) return { tool: kubectl, args: ['kustomize'], command: 'kubectl kustomize' };
  return null;
}
