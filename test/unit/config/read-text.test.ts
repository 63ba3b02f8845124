import { symlinkSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/config/load-project';
import { MAX_TEXT } from '../../../src/main/config/yaml-limits';
import { makeProject } from '../../support/project-dir';

// A compose file is refused before it is read when reading it could not end or would not fit.
describe('reading a compose file', () => {
  it('refuses a symlink to /dev/zero at once instead of reading for ever', () => {
    const dir = makeProject('zero', { 'README.md': "a stranger's repository\n" });
    symlinkSync('/dev/zero', join(dir, 'compose.yaml'));
    const started = performance.now();
    const { project, diagnostics } = loadProject({ dir, env: {} });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(project).toBeNull();
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        message:
          'cannot read compose.yaml: found something other than a regular file, expected a file',
      },
    ]);
  });

  it('refuses a file past 16 MiB without reading it', () => {
    const dir = makeProject('large', { 'compose.yaml': 'services: {}\n' });
    // A sparse file: its size is what counts, nothing is written.
    truncateSync(join(dir, 'compose.yaml'), MAX_TEXT + 1);
    const { project, diagnostics } = loadProject({ dir, env: {} });
    expect(project).toBeNull();
    expect(diagnostics[0]?.message).toBe(
      `cannot read compose.yaml: found ${MAX_TEXT + 1} bytes, expected at most ${MAX_TEXT} (16 MiB)`,
    );
  });
});
