import { FAILSAFE_SCHEMA, loadAll, YAMLException } from 'js-yaml';
import { readBlockYaml } from './yaml-block-reader';
import { NeedsLibrary } from './yaml-fast-errors';
import { FastReader } from './yaml-fast-reader';
import { MAX_DEPTH, treeLimitProblem } from './yaml-limits';
import type { YNode } from './yaml-tree';

// The yaml library is the reference reader but spends most of a drift on building its CST and
// documents (a 700 KB manifest: ~300 ms against ~25 ms for js-yaml). This front end builds the
// same positioned tree from js-yaml's parse events, and gives up (returns null, so the caller
// reads the text with the yaml library) on everything where the two trees, or the diagnostics,
// could differ: tags, anchored empty values or keys, aliases as keys, merges of anything but
// mappings, duplicate or complex keys, explicit `?` keys, directives, tabs, multi-line plain or
// quoted scalars, flow collections continued at the indentation they started at, BOMs, lone
// CRs, and any text js-yaml rejects. Anchors, aliases and `<<` merge keys it applies as
// yaml-tree.ts does: an alias is the anchored node's tree itself.
// test/unit/config/yaml-fast.test.ts holds it to the yaml library's tree on every YAML file of
// the corpora, the examples and the fixtures.

// Texts whose reading could differ between the libraries in ways the listener cannot see; each
// pattern is only tried on a text that has the character it needs (a scan several times
// cheaper than the pattern's on a large manifest).
const UNSUPPORTED: [string, RegExp][] = [
  ['\r', /\r(?!\n)/], // a lone CR: js-yaml breaks lines on it, the yaml library does not count it
  ['%', /^%/m], // directives
  ['...', /^\.\.\.(?:[ \t]|$)/m], // document end markers
  ['---', /^---[ \t]+[^\s#]/m], // content on the `---` line
  ['?', /(?:^|[\s[{,])\?(?:[ \t]|$)/m], // explicit `?` keys
  ['\t', /\t/], // tabs: the two libraries accept different places for them
];

function unsupported(text: string): boolean {
  if (text.charCodeAt(0) === 0xfeff) return true;
  return UNSUPPORTED.some(([needs, pattern]) => text.includes(needs) && pattern.test(text));
}

/**
 * The positioned tree of each document of a YAML stream, read with js-yaml; null when the text
 * needs the yaml library (see the list above), which then also gives the diagnostics. A tree
 * returned is the one the yaml library's path builds; an empty document is null here, where
 * the yaml library has no document (a comment-only text), null contents or a null scalar.
 */
export function fastYamlRoots(text: string, file: string): (YNode | null)[] | null {
  if (unsupported(text)) return null;
  // Plain block YAML, the common case, is read straight from the text; the rest with js-yaml.
  const block = readBlockYaml(text, file);
  if (block) return block;
  const reader = new FastReader(text, file);
  try {
    loadAll(text, undefined, {
      schema: FAILSAFE_SCHEMA,
      listener: reader.listener,
      onWarning: () => {
        throw new NeedsLibrary();
      },
    });
  } catch (error) {
    // A syntax error (js-yaml's), a construct left to the yaml library, or nesting deeper than
    // js-yaml's recursion goes: the yaml library reads it, or says what is wrong and where.
    if (error instanceof NeedsLibrary || error instanceof YAMLException) return null;
    if (error instanceof RangeError) return null;
    throw error;
  }
  const trees = reader.trees();
  // A tree past the limits (nesting, aliasing) is left to the library path, which reports
  // where; no one walks it before. Without aliases, the events' depth bounds the trees'.
  const measure = reader.mayBreakLimits(MAX_DEPTH);
  if (measure && trees.some((root) => root && treeLimitProblem(root, []))) return null;
  return trees;
}

// `helm template` writes `# Source: <chart>/templates/<file>` before every document; which
// document the yaml library attaches such a comment to is its own business.
const HELM_SOURCE_COMMENT = /#\s*Source:/;

/**
 * The non-empty documents of a stream as parseYamlDocuments (kubernetes/yaml-documents.ts)
 * keeps them; null when the yaml library must read the text, Helm `# Source:` comments included.
 */
export function fastYamlDocuments(text: string, file: string): YNode[] | null {
  if (text.includes('Source:') && HELM_SOURCE_COMMENT.test(text)) return null;
  const roots = fastYamlRoots(text, file);
  if (!roots) return null;
  // A comment-only document has a null scalar as its contents in the yaml library: skipped too.
  return roots.filter(
    (root): root is YNode => root !== null && !(root.kind === 'scalar' && root.value === null),
  );
}
