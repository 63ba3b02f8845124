import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, SourcePosition } from '../../shared/diagnostics';
import { ParityConfigSchema, unknownKeys, type ParityConfig } from '../../shared/parity-config';
import { parseYaml, toPlain, type YNode } from './yaml-tree';
import { readRepositoryText } from './read-text';

/** The file name Parity reads beside compose.yaml. */
export const PARITY_FILE = 'parity.yaml';

/**
 * Reads parity.yaml from a project folder when there is one. Schema problems are errors at the
 * value's position; unknown keys are warnings at the key.
 */
export function readParityFile(dir: string, diagnostics: Diagnostic[]): ParityConfig | null {
  const path = join(dir, PARITY_FILE);
  if (!existsSync(path)) return null;
  let text: string;
  try {
    text = readRepositoryText(path);
  } catch (error) {
    diagnostics.push({
      severity: 'error',
      message: `cannot read ${PARITY_FILE}: ${(error as Error).message}`,
    });
    return null;
  }
  const { root, diagnostics: yamlProblems } = parseYaml(text, PARITY_FILE);
  diagnostics.push(...yamlProblems);
  if (!root) return yamlProblems.some((d) => d.severity === 'error') ? null : {};
  const value = toPlain(root);
  for (const path of unknownKeys(value)) {
    diagnostics.push({
      severity: 'warning',
      message: `unknown key "${path.join('.')}" in ${PARITY_FILE}`,
      position: positionAt(root, path, true),
    });
  }
  const parsed = ParityConfigSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const path = issue.path.map((segment) =>
      typeof segment === 'symbol' ? String(segment) : segment,
    );
    const where = path.length > 0 ? `${path.join('.')}: ` : '';
    diagnostics.push({
      severity: 'error',
      message: `${where}${issue.message}`,
      position: positionAt(root, path, false),
    });
  }
  return null;
}

/** The position of the value (or of the key) at a path; the nearest existing ancestor's otherwise. */
export function positionAt(
  root: YNode,
  path: readonly (string | number)[],
  atKey: boolean,
): SourcePosition {
  let node = root;
  let position = root.pos;
  for (const segment of path) {
    if (node.kind === 'map') {
      const entry = node.entries.get(String(segment));
      if (!entry) break;
      position = atKey ? entry.keyPos : entry.value.pos;
      node = entry.value;
    } else if (node.kind === 'seq' && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment];
      position = node.pos;
    } else {
      break;
    }
  }
  return position;
}
