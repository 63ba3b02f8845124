import { join } from 'node:path';
import type { SourcePosition } from '../../shared/diagnostics';
import type { LoadedProject } from '../config/load-project';
import { PARITY_FILE, positionAt } from '../config/parity-file';
import { readRepositoryText } from '../config/read-text';
import { parseYaml } from '../config/yaml-tree';

/**
 * Where an injected value comes from: parity.yaml's `traces.inject`, so that anything showing a
 * value's source points at the line that asked for it, not at a compose file that never set it.
 */
export function injectSource(project: LoadedProject): SourcePosition {
  const fallback = { file: PARITY_FILE, line: 1, column: 1 };
  try {
    const { root } = parseYaml(
      readRepositoryText(join(project.configDir, PARITY_FILE)),
      PARITY_FILE,
    );
    return root ? positionAt(root, ['traces', 'inject'], false) : fallback;
  } catch {
    // The file was read moments ago to load the project; gone now, its first line will do.
    return fallback;
  }
}
