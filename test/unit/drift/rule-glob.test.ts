import { describe, expect, it } from 'vitest';
import type { RawFinding } from '../../../src/main/drift/compare-service';
import { applyRules } from '../../../src/main/drift/apply-rules';
import { RuleGlob } from '../../../src/main/drift/rule-glob';

// The meaning rules had as regular expressions, the reference on short paths where
// backtracking costs nothing: `*` within a segment, `**` across, accept entries also below.
function reference(glob: string, orBelow: boolean): RegExp {
  const pattern = glob
    .split('**')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^.]*'))
    .join('.*');
  return new RegExp(`^${pattern}${orBelow ? '(?:\\..*)?' : ''}$`);
}

const GLOBS = [
  'web.image',
  'web',
  '*.env.LOG_LEVEL',
  'api.env.*',
  'api.**',
  '**.tag',
  '**',
  '*',
  'a**b',
  '*.*',
  'api.env.DB_*_URL',
  'api.*.*',
  '***',
  'api.env.(x)+[y]?$',
  '',
];
const PATHS = [
  'web.image',
  'web.image.tag',
  'webx.image',
  'api.env.LOG_LEVEL',
  'worker.env.LOG_LEVEL',
  'api.env.DB_MAIN_URL',
  'api.env.DB_URL',
  'api.env',
  'api',
  'a.b',
  'ab',
  'a.x.b',
  'api.env.(x)+[y]?$',
  'api.env.x',
  '',
];

describe('RuleGlob', () => {
  it.each(GLOBS)('matches %j as its regular expression did', (glob) => {
    for (const orBelow of [false, true]) {
      const regex = reference(glob, orBelow);
      const matcher = new RuleGlob(glob, orBelow);
      for (const path of PATHS) {
        expect([glob, orBelow, path, matcher.matches(path)]).toEqual([
          glob,
          orBelow,
          path,
          regex.test(path),
        ]);
      }
    }
  });

  it('runs a glob that makes a regular expression backtrack for ever in linear time', () => {
    const glob = new RuleGlob('app.env.*a*a*a*a*a*a*a*a*a*a*a*a*b', true);
    const started = performance.now();
    expect(glob.matches(`app.env.${'a'.repeat(100_000)}`)).toBe(false);
    expect(glob.matches(`app.env.${'a'.repeat(100_000)}b`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('applyRules with a hostile glob', () => {
  it('judges findings at once, the glob covering what it names', () => {
    const finding = (path: string): RawFinding => ({
      service: 'app',
      path,
      kind: 'changed',
      category: 'env',
      severity: 'warning',
      rule: 'env-changed',
      secret: false,
      dev: { value: '1', source: null },
      prod: { value: '2', source: null },
    });
    const glob = 'app.env.*a*a*a*a*a*a*a*a*a*a*a*a*b';
    const started = performance.now();
    const judged = applyRules(
      [finding(`env.${'a'.repeat(5_000)}`), finding(`env.${'a'.repeat(40)}b`)],
      { ignore: [glob], accept: [{ path: glob, reason: 'known' }] },
      { today: '2026-01-01' },
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(judged.map((f) => f.status)).toEqual(['drift', 'accepted']);
  });
});
