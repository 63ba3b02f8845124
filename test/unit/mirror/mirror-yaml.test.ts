import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderMirror } from '../../../src/main/mirror/mirror-yaml';

describe('renderMirror', () => {
  it("doubles every $ of production's text, so Compose reads it literally", () => {
    const from = { file: 'deploy/api.yaml', line: 3, column: 5 };
    const text = renderMirror(
      {
        services: { api: [{ path: ['environment', 'PRICE'], value: 'costs $5 or ${X}', from }] },
        volumes: {},
        files: [],
        notMirrored: [],
      },
      'compose.yaml',
    );
    expect(text).toContain('PRICE: "costs $$5 or $${X}"  # deploy/api.yaml:3');
    expect(parse(text)).toEqual({
      services: { api: { environment: { PRICE: 'costs $$5 or $${X}' } } },
    });
  });
});
