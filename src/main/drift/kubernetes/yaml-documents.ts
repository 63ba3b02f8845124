import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Diagnostic, SourcePosition } from '../../../shared/diagnostics';
import { fastYamlDocuments } from '../../config/yaml-fast';
import { textLimitProblem } from '../../config/yaml-limits';
import { documentTree, yamlDiagnostic, type YNode } from '../../config/yaml-tree';

/** One document of a multi-document stream: its tree and the Helm template it was rendered from. */
export interface YamlDocument {
  root: YNode;
  /** `chart/templates/x.yaml` from Helm's `# Source:` comment, when the document has one. */
  helmSource: string | null;
}

/** A parsed stream: its non-empty documents and what was wrong with any of them. */
export interface ParsedDocuments {
  documents: YamlDocument[];
  diagnostics: Diagnostic[];
}

// `helm template` writes `# Source: <chart>/templates/<file>` before every document.
const HELM_SOURCE = /^\s*Source:\s*(\S.*?)\s*$/m;

/**
 * Parses every document of a YAML (or JSON) stream into the positioned tree the config reader
 * uses; a document with a syntax error is reported and skipped, the others are still read.
 */
export function parseYamlDocuments(text: string, file: string): ParsedDocuments {
  // A file past the size or line-length limits is not parsed at all.
  const tooLarge = textLimitProblem(text, file);
  if (tooLarge) return { documents: [], diagnostics: [tooLarge] };
  // The same trees ten times sooner where nothing could differ (no diagnostics, no Helm
  // comments): see config/yaml-fast.ts.
  const fast = fastYamlDocuments(text, file);
  if (fast) return { documents: fast.map((root) => ({ root, helmSource: null })), diagnostics: [] };
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, merge: false });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const diagnostics: Diagnostic[] = [];
  const documents: YamlDocument[] = [];
  for (const doc of docs) {
    diagnostics.push(
      ...doc.errors.map((e) => yamlDiagnostic('error', e.message, at(e.pos[0]))),
      ...doc.warnings.map((w) => yamlDiagnostic('warning', w.message, at(w.pos[0]))),
    );
    if (doc.errors.length > 0 || !doc.contents) continue;
    const root = documentTree(doc, at, diagnostics);
    if (!root) continue;
    // A comment-only document (`---` then comments) has a null scalar as its contents.
    if (root.kind === 'scalar' && root.value === null) continue;
    documents.push({ root, helmSource: helmSource(doc) });
  }
  return { documents, diagnostics };
}

function helmSource(doc: Document): string | null {
  const comments = [doc.commentBefore, doc.contents?.commentBefore].filter(
    (c): c is string => typeof c === 'string',
  );
  for (const comment of comments) {
    const match = HELM_SOURCE.exec(comment);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** The last line any part of a node is written on, for line ranges (`api.yaml:32-36`). */
export function lastLine(node: YNode): number {
  let last = node.pos.line;
  if (node.kind === 'seq') for (const item of node.items) last = Math.max(last, lastLine(item));
  if (node.kind === 'map') {
    for (const entry of node.entries.values()) last = Math.max(last, lastLine(entry.value));
  }
  return last;
}
