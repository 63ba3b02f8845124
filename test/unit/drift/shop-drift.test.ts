import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding, Side } from '../../../src/shared/drift';
import { loadProject } from '../../../src/main/config/load-project';
import { diffModels } from '../../../src/main/drift/diff';
import { loadProduction } from '../../../src/main/drift/production';
import { productionReaders } from '../../../src/main/drift/readers';

// examples/shop/DRIFT.md is the hand-made list of the example's designed differences, with
// both positions; the detector must report each of them and nothing else.
const SHOP = fileURLToPath(new URL('../../../examples/shop', import.meta.url));

interface Expected {
  id: string;
  service: string;
  path: string;
  dev: string;
  prod: string;
  rule: string;
}

function expectedDifferences(): Expected[] {
  const text = readFileSync(`${SHOP}/DRIFT.md`, 'utf8');
  const table = text.slice(text.indexOf('## Differences'), text.indexOf('## Traps'));
  return table
    .split('\n')
    .filter((line) => /^\| D\d+/.test(line))
    .map((line) => {
      const cells = line.split('|').map((cell) => cell.trim());
      const field = (cells[3] ?? '').replaceAll('`', '');
      return {
        id: cells[1] ?? '',
        service: cells[2] ?? '',
        // DRIFT.md says resources.cpu where the model says cpus; (service) is the whole service.
        path:
          field === '(service)' ? 'service' : field === 'resources.cpu' ? 'resources.cpus' : field,
        dev: cells[7] ?? '',
        prod: cells[8] ?? '',
        rule: cells[9] ?? '',
      };
    });
}

// "deploy/k8s/api.yaml:32-36 (Secret ...)" -> the file and the line range it names.
function inRange(side: Side, written: string): boolean {
  const match = /^([\w./-]+):(\d+)(?:-(\d+))?/.exec(written);
  if (!match) return side.source === null || written === '—';
  const [, file, from, to] = match;
  const line = side.source?.line ?? -1;
  return side.source?.file === file && line >= Number(from) && line <= Number(to ?? from);
}

describe('drift of examples/shop against its production manifests', () => {
  const { project } = loadProject({ dir: SHOP, env: {} });
  if (!project) throw new Error('examples/shop does not load');
  const production = loadProduction(project, productionReaders);
  if (!production.model) throw new Error(production.diagnostics.map((d) => d.message).join('\n'));
  const { findings } = diffModels(project.model, production.model, {
    map: project.parity?.map ?? {},
    ...(project.parity?.drift ? { rules: project.parity.drift } : {}),
    secretKeys: production.secretKeys,
  });
  const expected = expectedDifferences();

  it('reads the production side without a problem', () => {
    expect(production.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(expected).toHaveLength(24);
  });

  it.each(expected.map((e) => [e.id, e] as const))(
    'reports %s at both of its positions',
    (_id, e) => {
      const finding = findings.find((f: Finding) => f.service === e.service && f.path === e.path);
      expect(finding, `${e.service} ${e.path}`).toBeDefined();
      if (!finding) return;
      expect(
        inRange(finding.dev, e.dev) || e.dev === '—',
        `dev ${JSON.stringify(finding.dev.source)} vs ${e.dev}`,
      ).toBe(true);
      expect(
        inRange(finding.prod, e.prod) || e.prod === '—',
        `prod ${JSON.stringify(finding.prod.source)} vs ${e.prod}`,
      ).toBe(true);
      const status = (['accepted', 'ignored', 'expected'] as const).find((s) =>
        e.rule.startsWith(s),
      );
      expect(finding.status).toBe(status ?? 'drift');
    },
  );

  it('reports nothing else: none of the traps', () => {
    const extra = findings.filter(
      (f) =>
        f.status !== 'expected' &&
        !expected.some((e) => e.service === f.service && e.path === f.path),
    );
    expect(extra).toEqual([]);
  });

  it('shows the ports published on the laptop and internal in production as expected (T01, T02)', () => {
    const shown = findings
      .filter((f) => f.status === 'expected' && f.category === 'ports')
      .map((f) => `${f.service}.${f.path} ${f.kind}`);
    expect(shown).toEqual([
      'web.ports.8080/tcp.service changed',
      'web.ports.8080/tcp.outside only-dev',
      'api.ports.8081/tcp.service changed',
      'api.ports.8081/tcp.outside only-dev',
    ]);
  });

  it('shows the payment key only as differs', () => {
    expect(JSON.stringify(findings)).not.toContain('dev-payment-key-not-secret');
    expect(findings.find((f) => f.path === 'env.PAYMENT_API_KEY')).toMatchObject({
      secret: true,
      dev: { value: 'differs' },
    });
  });
});
