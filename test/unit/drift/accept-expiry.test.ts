import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/shared/diagnostics';
import type { DriftRules } from '../../../src/shared/parity-config';
import { readParityFile } from '../../../src/main/config/parity-file';
import { applyRules, localDate, rulePath } from '../../../src/main/drift/apply-rules';
import type { RawFinding } from '../../../src/main/drift/compare-service';
import { makeProject } from '../../support/project-dir';

function raw(service: string, path: string, extra: Partial<RawFinding> = {}): RawFinding {
  return {
    service,
    path,
    kind: 'changed',
    category: 'image',
    severity: 'error',
    rule: 'differs',
    secret: false,
    dev: { value: 'a', source: null },
    prod: { value: 'b', source: null },
    ...extra,
  };
}

const IMAGE = raw('web', 'image.tag');

function judged(rules: DriftRules, today: string, finding: RawFinding = IMAGE) {
  const [result] = applyRules([finding], rules, { today });
  return { status: result?.status, reason: result?.reason };
}

describe('accept entries with an expiry', () => {
  const rules: DriftRules = {
    accept: [{ path: 'web.image', reason: 'built from source locally', expires: '2026-01-31' }],
  };

  it('cover the finding up to and including their last day, and say until when', () => {
    for (const today of ['2025-06-01', '2026-01-30', '2026-01-31']) {
      expect(judged(rules, today)).toEqual({
        status: 'accepted',
        reason: 'built from source locally (accepted until 2026-01-31)',
      });
    }
  });

  it('cover nothing from the next day on: the finding is drift, and says which rule expired', () => {
    for (const today of ['2026-02-01', '2030-12-31']) {
      expect(judged(rules, today)).toEqual({
        status: 'drift',
        reason: 'accepted until 2026-01-31, expired ("built from source locally")',
      });
    }
  });

  it('give way to the rules below them once expired: ignore, expected, another accept', () => {
    expect(judged({ ...rules, ignore: ['web.image.*'] }, '2026-02-01')).toEqual({
      status: 'ignored',
      reason: undefined,
    });
    expect(judged(rules, '2026-02-01', raw('web', 'image.tag', { expected: 'inherent' }))).toEqual({
      status: 'expected',
      reason: 'inherent',
    });
    const broader: DriftRules = {
      accept: [...(rules.accept ?? []), { path: 'web', reason: 'the whole web service differs' }],
    };
    expect(judged(broader, '2026-02-01')).toEqual({
      status: 'accepted',
      reason: 'the whole web service differs',
    });
  });

  it('never expire without an expiry', () => {
    expect(judged({ accept: [{ path: 'web.image', reason: 'r' }] }, '2999-12-31')).toEqual({
      status: 'accepted',
      reason: 'r',
    });
  });

  it('are judged on the local calendar day by default', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    const [result] = applyRules([IMAGE], {
      accept: [{ path: 'web', reason: 'r', expires: '2000-01-01' }],
    });
    expect(result?.status).toBe('drift');
  });
});

describe('accept paths', () => {
  it('name a finding as service.field, its own path or one above it', () => {
    expect(rulePath(IMAGE)).toBe('web.image.tag');
    for (const path of ['web.image.tag', 'web.image', 'web']) {
      expect(judged({ accept: [{ path, reason: 'r' }] }, '2026-01-01').status).toBe('accepted');
    }
    for (const path of ['web.ima', 'web.image.tag.x', 'we', 'api.image']) {
      expect(judged({ accept: [{ path, reason: 'r' }] }, '2026-01-01').status).toBe('drift');
    }
  });

  it('take "*" for any one segment, as the schema documents', () => {
    expect(judged({ accept: [{ path: '*.image', reason: 'r' }] }, '2026-01-01').status).toBe(
      'accepted',
    );
    expect(judged({ accept: [{ path: '*.tag', reason: 'r' }] }, '2026-01-01').status).toBe('drift');
  });
});

describe('expires in parity.yaml', () => {
  function read(expires: string): { value: unknown; errors: string[] } {
    const dir = makeProject('expiry', {
      'parity.yaml': `drift:\n  accept:\n    - path: web.image\n      reason: r\n      expires: ${expires}\n`,
    });
    const diagnostics: Diagnostic[] = [];
    const config = readParityFile(dir, diagnostics);
    return {
      value: config?.drift?.accept?.[0]?.expires,
      errors: diagnostics.map(
        (d) => `${d.position?.line ?? 0}:${d.position?.column ?? 0}: ${d.message}`,
      ),
    };
  }

  it('reads an unquoted or quoted date as the date text', () => {
    expect(read('2026-01-31')).toEqual({ value: '2026-01-31', errors: [] });
    expect(read('"2026-01-31"')).toEqual({ value: '2026-01-31', errors: [] });
  });

  it.each([
    [
      '2026-02-30',
      'found "2026-02-30", which is not a day on the calendar, expected a date as YYYY-MM-DD, e.g. 2026-01-31',
    ],
    ['31.01.2026', 'found "31.01.2026", expected a date as YYYY-MM-DD, e.g. 2026-01-31'],
    ['2026-1-31', 'found "2026-1-31", expected a date as YYYY-MM-DD, e.g. 2026-01-31'],
    ['20260131', 'found the number 20260131, expected a date as YYYY-MM-DD, e.g. 2026-01-31'],
    ['', 'found an empty value, expected a date as YYYY-MM-DD, e.g. 2026-01-31'],
  ])('refuses %j at its line and column', (expires, message) => {
    expect(read(expires)).toEqual({
      value: undefined,
      errors: [`5:16: drift.accept.0.expires: ${message}`],
    });
  });
});
