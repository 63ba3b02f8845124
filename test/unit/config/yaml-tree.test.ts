import { describe, expect, it } from 'vitest';
import { parseYaml, toPlain, type YMap } from '../../../src/main/config/yaml-tree';

describe('parseYaml', () => {
  it('keeps the line and column of every value', () => {
    const { root } = parseYaml('services:\n  web:\n    image: nginx:1.27\n', 'compose.yaml');
    const web = ((root as YMap).entries.get('services')?.value as YMap).entries.get('web')
      ?.value as YMap;
    expect(web.entries.get('image')?.value.pos).toEqual({
      file: 'compose.yaml',
      line: 3,
      column: 12,
    });
    expect(web.entries.get('image')?.keyPos).toEqual({ file: 'compose.yaml', line: 3, column: 5 });
  });

  it("applies merge keys and aliases, the mapping's own keys winning", () => {
    const text = [
      'x-common: &common',
      '  restart: always',
      '  environment: { A: "1" }',
      'services:',
      '  api:',
      '    <<: *common',
      '    restart: "no"',
      '  worker: *common',
    ].join('\n');
    const { root, diagnostics } = parseYaml(text, 'compose.yaml');
    expect(diagnostics).toEqual([]);
    expect(toPlain(root)).toMatchObject({
      services: {
        api: { restart: 'no', environment: { A: '1' } },
        worker: { restart: 'always', environment: { A: '1' } },
      },
    });
    // A merged value keeps the position where the anchor wrote it.
    const api = ((root as YMap).entries.get('services')?.value as YMap).entries.get('api')
      ?.value as YMap;
    expect(api.entries.get('environment')?.value.pos.line).toBe(3);
  });

  it('merges a list of anchors, earlier ones winning', () => {
    const text = 'a: &a { x: 1 }\nb: &b { x: 2, y: 2 }\nc:\n  <<: [*a, *b]\n';
    expect(toPlain(parseYaml(text, 'f.yaml').root)).toMatchObject({ c: { x: 1, y: 2 } });
  });

  it('warns about a duplicate key naming both lines; the last one wins', () => {
    const { root, diagnostics } = parseYaml('image: a\nports: []\nimage: b\n', 'compose.yaml');
    expect(toPlain(root)).toEqual({ ports: [], image: 'b' });
    expect(diagnostics).toEqual([
      {
        severity: 'warning',
        message: 'duplicate key "image" (also at line 1); the last one wins',
        position: { file: 'compose.yaml', line: 3, column: 1 },
      },
    ]);
  });

  it('reports a syntax error with its position and no tree', () => {
    const { root, diagnostics } = parseYaml(
      'services:\n  web:\n    image: a\n    - b\n',
      'compose.yaml',
    );
    expect(root).toBeNull();
    expect(diagnostics[0]).toMatchObject({
      severity: 'error',
      position: { file: 'compose.yaml', line: 4 },
    });
  });

  it('reads YAML 1.2 scalars: yes and on stay strings', () => {
    expect(toPlain(parseYaml('a: yes\nb: on\nc: true\nd: 010\ne: ~\n', 'f.yaml').root)).toEqual({
      a: 'yes',
      b: 'on',
      c: true,
      d: 10,
      e: null,
    });
  });

  it('an empty file has no tree and no error', () => {
    expect(parseYaml('# nothing\n', 'f.yaml')).toEqual({ root: null, diagnostics: [] });
  });
});
