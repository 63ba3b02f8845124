import type { SourcePosition } from '../../shared/diagnostics';
import { MIRROR_FILE } from '../config/mirror-file';
import { filesHash, MIRROR_FILES_DIR } from './config-files';
import type { MirrorPlan, MirrorValue } from './mirror-types';

interface Tree {
  [key: string]: Tree | MirrorValue;
}

const isValue = (node: Tree | MirrorValue): node is MirrorValue =>
  Array.isArray((node as MirrorValue).path) && 'from' in node;

/**
 * The override as YAML: each value with a comment naming the production file and line it came
 * from, and a header listing what was not mirrored and why. Strings are written double-quoted
 * with `$` doubled, so Compose takes them literally (no interpolation of production's text).
 */
export function renderMirror(plan: MirrorPlan, composeFile: string): string {
  const lines = [
    '# Written by `parity mirror` from the production sources in parity.yaml: an override that',
    `# brings the laptop to production, for docker compose -f ${comment(composeFile)} -f ${MIRROR_FILE}`,
    '# (or `parity up --mirror`). Run `parity mirror` again rather than editing it.',
  ];
  if (plan.files.length > 0) {
    // The files are bound, not copied: a change to them alone must still change this text, so
    // the app's switch writes them again.
    const count = `${plan.files.length} file${plan.files.length === 1 ? '' : 's'}`;
    lines.push(
      '#',
      `# ${count} of production's ConfigMaps written under ${MIRROR_FILES_DIR}/ (sha256 ${filesHash(plan.files).slice(0, 16)}).`,
    );
  }
  if (plan.notMirrored.length > 0) {
    lines.push('#', '# Not mirrored:');
    for (const n of plan.notMirrored)
      lines.push(`#   ${comment(`${n.service} ${n.key}: ${n.reason}`)}`);
  }
  lines.push('services:');
  const names = Object.keys(plan.services);
  if (names.length === 0) lines[lines.length - 1] = 'services: {}';
  for (const name of names) {
    const tree: Tree = {};
    for (const value of plan.services[name] ?? []) place(tree, value);
    lines.push(`  ${key(name)}:`);
    render(tree, 2, lines);
  }
  const volumes = Object.entries(plan.volumes);
  if (volumes.length > 0) lines.push('volumes:');
  for (const [name, from] of volumes) lines.push(`  ${key(name)}: {}  # ${where(from)}`);
  return `${lines.join('\n')}\n`;
}

function place(tree: Tree, value: MirrorValue): void {
  let node = tree;
  value.path.slice(0, -1).forEach((part) => {
    const next = node[part];
    if (next === undefined || isValue(next)) node[part] = {};
    node = node[part] as Tree;
  });
  node[value.path[value.path.length - 1] ?? ''] = value;
}

function render(tree: Tree, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  for (const [name, node] of Object.entries(tree)) {
    if (isValue(node)) {
      lines.push(`${indent}${key(name)}: ${scalar(node.value)}  # ${where(node.from)}`);
    } else {
      lines.push(`${indent}${key(name)}:`);
      render(node, depth + 1, lines);
    }
  }
}

const PLAIN_KEY = /^[A-Za-z_][\w.-]*$/;
const key = (name: string): string => (PLAIN_KEY.test(name) ? name : quote(name));
const quote = (text: string): string => JSON.stringify(text.replaceAll('$', () => '$$'));

function scalar(value: MirrorValue['value']): string {
  if (Array.isArray(value)) return `[${value.map(quote).join(', ')}]`;
  return typeof value === 'string' ? quote(value) : String(value);
}

const where = (from: SourcePosition): string => comment(`${from.file}:${from.line}`);

// A comment is one line of printable text, whatever a file name or a reason holds.
function comment(text: string): string {
  return text.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, '?');
}
