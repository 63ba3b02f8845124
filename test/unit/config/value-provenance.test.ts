import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/config/load-project';
import { describe as describeNode, isOutside } from '../../../src/main/config/node-reader';
import type { YNode } from '../../../src/main/config/yaml-tree';
import { lines, makeProject } from '../../support/project-dir';

describe('where an interpolated value came from', () => {
  it('records the variables the shell gave, not those of the .env files', () => {
    const dir = makeProject('provenance', {
      'compose.yaml': lines(
        'services:',
        '  web:',
        '    image: busybox:${TAG}',
        '    environment:',
        '      NOTE: ${GH_PAT}',
        '      BOTH: ${BOTH}',
        '      BARE:',
      ),
      '.env': lines('TAG=1.37', 'BOTH=from-file'),
    });
    const { project } = loadProject({
      dir,
      env: { GH_PAT: 'ghp_x', BOTH: 'from-shell', BARE: 'bare-value', UNUSED: 'u' },
    });
    expect(project?.model.services.web?.environment.NOTE?.value).toBe('ghp_x');
    // The shell wins over .env, as in Compose, and a bare KEY is read from the shell too.
    expect(Object.fromEntries((project?.fromShell ?? []).map((v) => [v.name, v.value]))).toEqual({
      GH_PAT: 'ghp_x',
      BOTH: 'from-shell',
      BARE: 'bare-value',
    });
  });
});

describe('describe, for messages', () => {
  const scalar = (value: string, file = 'compose.yaml'): YNode => ({
    kind: 'scalar',
    value,
    pos: { file, line: 1, column: 1 },
  });

  it('quotes a short, escaped excerpt of a value in the project', () => {
    expect(describeNode(scalar('8080'))).toBe('"8080"');
    expect(describeNode(scalar(`\u001b]0;t\u0007${'x'.repeat(100)}`))).toMatch(
      /^"\\u001b\]0;t\\u0007x+…" \(106 characters\)$/,
    );
  });

  it('quotes nothing of a value in a file outside the project', () => {
    expect(describeNode(scalar('GH_PAT=ghp_x\u0000HOME=/root', '../../../proc/self/environ'))).toBe(
      'a string',
    );
    expect(isOutside('/etc/passwd')).toBe(true);
    expect(isOutside('sub/compose.yaml')).toBe(false);
    expect(isOutside('..compose.yaml')).toBe(false);
  });
});
