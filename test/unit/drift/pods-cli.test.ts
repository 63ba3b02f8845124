import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DriftReportSchema } from '../../../src/shared/drift';
import { runParity } from '../../support/cli';

// test/fixtures/drift-pods as a user meets it: `parity drift` of the built CLI (`npm run build`
// first) on a copy, parity.yaml naming the manifests folder.
const FIXTURE = fileURLToPath(new URL('../../fixtures/drift-pods', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'parity-pods-'));
const dir = join(work, 'shop');
cpSync(FIXTURE, dir, { recursive: true });

describe('parity drift on pods with sidecars, init containers and an Ingress', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('reports, as JSON, the sidecar’s own fields, the init containers and the Ingress', async () => {
    const run = await runParity(['drift', '--project-directory', dir, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = DriftReportSchema.parse(JSON.parse(run.stdout));
    const rows = report.findings
      .filter((f) => f.path.startsWith('sidecars.') || f.path.endsWith('.outside'))
      .map((f) => `${f.service} ${f.path} ${f.status}`);
    expect(rows.sort()).toEqual([
      'api ports.9000/tcp.outside drift',
      'api sidecars.migrate drift',
      'api sidecars.wait-for-db expected',
      'web ports.8080/tcp.outside drift',
      'worker sidecars.wait-for-db drift',
    ]);
    const shipper = report.findings.filter((f) => f.service === 'log-shipper');
    expect(shipper.map((f) => f.path)).toEqual(
      expect.arrayContaining(['env.LOG_LEVEL', 'resources.memory', 'healthcheck', 'read_only']),
    );
  }, 30_000);

  it('names the Ingress host and path in the text report', async () => {
    const run = await runParity(['drift', '--project-directory', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '9000/tcp: ClusterIP Service api port 80, Ingress shop.example.com/api  (k8s/api.yaml:',
    );
    expect(run.stdout).toContain('init example/api:1: ./api migrate --up');
    expect(run.stdout).not.toContain('waits for db:5432');
  }, 30_000);
});
