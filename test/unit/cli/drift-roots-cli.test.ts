import { describe, expect, it } from 'vitest';
import { DriftReportSchema } from '../../../src/shared/drift';
import { runParity } from '../../support/cli';
import { makeProject } from '../../support/project-dir';
import { CATALOG_FILES } from '../drift/catalog-fixture';

// `parity drift` (the built CLI: `npm run build` first) leads with root causes: the catalog's
// port moved from 8080 to 8081, and three URLs follow from it; a CPU request production sets
// on three services is one line; the summary counts what there is to fix.
const dir = makeProject('catalog-cli', CATALOG_FILES);
const run = (...args: string[]) => runParity(['drift', '--project-directory', dir, ...args]);
const SUMMARY =
  '0 services dev-only, 0 prod-only, 3 drifts to fix (0 errors), 4 more follow from them, 8 equivalent';

describe('parity drift leads with root causes', () => {
  it('prints the port change first, what follows from it indented under it, then the rest', async () => {
    const out = await run();
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Root causes, each with the differences that follow from it:');
    expect(lines[1]).toMatch(/^ {2}! warning catalog ports\.8080\/tcp +the laptop listens on/);
    expect(lines[4]).toBe('    4 more follow from it:');
    const follows = lines.filter((l) => l.startsWith('    ↳ '));
    expect(follows).toEqual([
      '    ↳ follows from ports.8080/tcp of catalog: the other side of the same port change',
      ...Array.from(
        { length: 3 },
        () =>
          '    ↳ follows from ports.8080/tcp of catalog: names catalog:8080, which listens on 8081 in production',
      ),
    ]);
    // Each symptom is printed once, under its root, with both values.
    const front = lines.findIndex((l) => /^ {6}! warning front env\.CATALOG_URL /.test(l));
    expect(lines[front - 1]).toMatch(/^ {4}↳ follows from ports\.8080\/tcp of catalog/);
    expect(lines[front + 1]).toBe('          dev   http://catalog:8080/v1  (compose.yaml:7:33)');
    expect(lines[front + 2]).toMatch(
      /^ {10}prod {2}http:\/\/catalog:8081\/v1 {2}\(k8s\/shop\.yaml:\d+:\d+\)$/,
    );
    expect(lines.filter((l) => l.includes('env.CATALOG_URL'))).toHaveLength(2);

    const others = lines.indexOf('Other differences:');
    expect(others).toBeGreaterThan(front);
    expect(lines[others + 1]).toMatch(
      /^ {2}· info +resources\.requests\.cpus ×3 \(front, orders, cart\) +production sets a CPU request/,
    );
    expect(lines[others + 2]).toBe('      dev   (absent)');
    expect(lines[others + 3]).toMatch(
      /^ {6}prod {2}0\.1 \(100m\) on front, orders; 0\.25 \(250m\) on cart {2}\(k8s\/shop\.yaml:/,
    );
    expect(lines[others + 4]).toMatch(/^ {2}! warning cart env\.LOG_LEVEL /);
    expect(lines.at(-1)).toBe(SUMMARY);
  });

  it('gives the same counts in the JSON summary, with every finding kept', async () => {
    const out = await run('--format', 'json');
    const report = DriftReportSchema.parse(JSON.parse(out.stdout));
    expect(report.findings.filter((f) => f.status === 'drift')).toHaveLength(9);
    expect(report.summary).toEqual({
      toFix: 3,
      toFixErrors: 0,
      following: 4,
      errors: 0,
      warnings: 6,
      info: 3,
      covered: 0,
      devOnly: 0,
      prodOnly: 0,
      equivalent: 8,
    });
  });

  it('puts the symptom rows under their root row in Markdown, and the group in one row', async () => {
    const md = (await run('--format', 'markdown')).stdout;
    expect(md).toContain(`**${SUMMARY}**`);
    const rows = md.split('\n');
    const root = rows.indexOf('#### Root causes');
    const others = rows.indexOf('#### Other differences');
    expect(root).toBeGreaterThan(0);
    expect(others).toBeGreaterThan(root);
    const tableRows = (from: number, to: number) =>
      rows.slice(from, to).filter((r) => r.startsWith('| ') && !/^\| (Severity|---) /.test(r));
    const roots = tableRows(root, others);
    expect(roots).toHaveLength(5);
    expect(roots[0]).toMatch(
      /^\| ! warning \| catalog `ports\.8080\/tcp` \| only-dev \| .*; 4 more follow from it \|$/,
    );
    expect(roots.slice(1).map((r) => r.split(' | ')[1])).toEqual([
      '↳ catalog `ports.8081/tcp`',
      '↳ front `env.CATALOG_URL`',
      '↳ orders `env.CATALOG_URL`',
      '↳ cart `env.CATALOG`',
    ]);
    expect(roots[2]).toContain('— follows from ports.8080/tcp of catalog: names catalog:8080');
    const rest = tableRows(others, rows.length);
    expect(rest.map((r) => r.split(' | ').slice(0, 3).join(' | '))).toEqual([
      '| · info | `resources.requests.cpus` ×3 (front, orders, cart) | only-prod',
      '| ! warning | cart `env.LOG_LEVEL` | changed',
    ]);
  });

  it('keeps the CI gate on every finding: --fail-on warning fails on the symptoms too', async () => {
    // Accept the root: its symptoms are drift of their own, and the gate still sees them.
    const accepted = makeProject('catalog-accepted', {
      ...CATALOG_FILES,
      'parity.yaml': `${CATALOG_FILES['parity.yaml']}drift:\n  accept:\n    - { path: catalog.ports.8080/tcp, reason: moving to 8081 }\n`,
    });
    const out = await runParity(['drift', '--project-directory', accepted, '--fail-on', 'warning']);
    expect(out.code).toBe(1);
    expect(out.stdout.trimEnd().split('\n').at(-1)).toBe(
      '0 services dev-only, 0 prod-only, 5 drifts to fix (0 errors), 8 equivalent, 1 covered (--all shows the covered ones)',
    );
    expect(out.stdout).not.toContain('Root causes');
    expect((await run('--fail-on', 'error')).code).toBe(0);
  });
});
