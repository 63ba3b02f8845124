import { describe, expect, it } from 'vitest';
import type { DriftReport, Finding } from '../../../src/shared/drift';
import { redactFinding, redactReport } from '../../../src/shared/redact-report';

function finding(path: string, dev: string | null, prod: string | null, secret = false): Finding {
  return {
    service: 'web',
    path,
    kind: 'changed',
    category: 'env',
    severity: 'warning',
    rule: 'an environment value differs',
    status: 'drift',
    secret,
    dev: { value: dev, source: { file: 'compose.yaml', line: 5, column: 13 } },
    prod: { value: prod, source: null },
  };
}

describe('redactFinding', () => {
  it.each(['DB_PASS', 'MYSQL_PWD', 'SESSION_SIGNING_KEY', 'AWS_ACCESS_KEY_ID', 'STRIPE_KEY'])(
    'env.%s shows only "differs", whatever the comparison said',
    (name) => {
      const shown = redactFinding(finding(`env.${name}`, 'hunter4', 'hunter5'));
      expect(shown.secret).toBe(true);
      expect([shown.dev.value, shown.prod.value]).toEqual(['differs', 'differs']);
    },
  );

  it("masks a URL's password in any value, and says when only the masked part differs", () => {
    const shown = redactFinding(
      finding('env.DATABASE_URL', 'postgres://app:hunter4@db/x', 'postgres://app:other@db/x'),
    );
    expect(shown.secret).toBe(false);
    expect(shown.dev.value).toBe('postgres://app:****@db/x (the masked part differs)');
    expect(JSON.stringify(shown)).not.toContain('hunter4');
  });

  it('shows a value the shell gave as ${NAME}, whole or inside another', () => {
    const shell = [
      { name: 'GH_PAT', value: 'ghp_SECRETVALUE' },
      { name: 'N', value: '1' },
    ];
    expect(redactFinding(finding('env.NOTE', 'ghp_SECRETVALUE', 'x'), shell).dev.value).toBe(
      '${GH_PAT}',
    );
    expect(
      redactFinding(finding('command', '["run","ghp_SECRETVALUE"]', null), shell).dev.value,
    ).toBe('["run","${GH_PAT}"]');
    // A short value is replaced only where it is the whole value.
    expect(redactFinding(finding('env.REPLICAS', '1', '2'), shell).dev.value).toBe('${N}');
    expect(redactFinding(finding('image.tag', '1.37', '1.36'), shell).dev.value).toBe('1.37');
  });

  it('leaves ordinary values as they are', () => {
    const shown = redactFinding(finding('env.LOG_LEVEL', 'debug', 'info'));
    expect([shown.dev.value, shown.prod.value]).toEqual(['debug', 'info']);
  });
});

describe('redactReport', () => {
  it('redacts every finding and keeps the rest of the report', () => {
    const report: DriftReport = {
      matches: [{ dev: 'web', prod: 'web', by: 'name' }],
      findings: [finding('env.DB_PASS', 'a', 'b'), finding('env.MODE', 'dev', 'prod')],
      equivalent: 3,
    };
    const shown = redactReport(report);
    expect(shown.matches).toEqual(report.matches);
    expect(shown.equivalent).toBe(3);
    expect(shown.findings.map((f) => f.dev.value)).toEqual(['differs', 'dev']);
  });
});
