import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi, type ParityApi } from '../../../src/main/api/create-api';
import { DockerEngine } from '../../../src/main/engine/docker-engine';
import { memorySettings, recordingSession } from '../../support/api';
import { outlineFindings } from '../../../src/shared/drift-outline';

const SHOP = fileURLToPath(new URL('../../../examples/shop', import.meta.url));

// Drift and project details need the files only: the engine here answers nothing.
function shopApi(): { api: ParityApi; dir: string } {
  const dir = join(mkdtempSync(join(tmpdir(), 'parity-api-')), 'shop');
  cpSync(SHOP, dir, { recursive: true });
  const api = createApi({
    engine: DockerEngine.fromEnvironment({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }),
    settings: memorySettings({ projects: [{ directory: dir, startAtLogin: false }] }),
    env: {},
  });
  return { api, dir };
}

describe('the API on examples/shop without an engine', () => {
  let api: ParityApi | undefined;
  afterEach(() => api?.close());

  it('reports the engine as unreachable, and the project from its files', async () => {
    const shop = shopApi();
    api = shop.api;
    const session = recordingSession();
    expect(await api.handlers['engine.status']({}, session)).toEqual({
      reachable: false,
      endpoint: 'unix:///nonexistent/docker.sock',
      source: 'DOCKER_HOST',
      reason: 'no Docker socket there: is the engine running?',
    });
    const detail = await api.handlers['projects.get']({ project: shop.dir }, session);
    expect(detail.summary).toMatchObject({
      name: 'shop',
      state: 'stopped',
      services: { total: 3 },
    });
    expect(detail.summary.actions.map((a) => a.name)).toEqual([
      'Show orders',
      'API health',
      'Last worker poll',
    ]);
    expect(detail.services.map((s) => s.name)).toEqual(['api', 'web', 'worker']);
  });

  it('gives the drift report with its summary, and counts it in the project', async () => {
    const shop = shopApi();
    api = shop.api;
    const session = recordingSession();
    const drift = await api.handlers['drift.get']({ project: shop.dir }, session);
    if (!drift.available) throw new Error(drift.reason);
    const open = drift.report.findings.filter((f) => f.status === 'drift');
    expect(drift.summary.errors + drift.summary.warnings + drift.summary.info).toBe(open.length);
    const [summary] = await api.handlers['projects.list']({}, session);
    // The sidebar's count is the Drift tab's: the lines to fix, each root cause once with what
    // follows from it, a difference found on web and api alike once.
    const { roots, rest } = outlineFindings(open);
    expect(drift.summary.toFix).toBe(roots.length + rest.length);
    expect(drift.summary.toFix).toBeLessThan(open.length);
    expect(summary?.driftCount).toBe(drift.summary.toFix);
  });

  it('accepts a finding into parity.yaml, keeping its comments, and says the drift changed', async () => {
    const shop = shopApi();
    api = shop.api;
    const session = recordingSession();
    const { session: listener } = api.sessions.open((event) => session.emit(event));
    const before = await api.handlers['drift.get']({ project: shop.dir }, listener);
    if (!before.available) throw new Error(before.reason);
    const finding = before.report.findings.find((f) => f.status === 'drift' && !f.secret);
    if (!finding) throw new Error('the shop example has no open drift');
    const original = readFileSync(join(shop.dir, 'parity.yaml'), 'utf8');

    const result = await api.handlers['drift.accept'](
      {
        project: shop.dir,
        service: finding.service,
        path: finding.path,
        reason: 'agreed in review',
      },
      listener,
    );

    expect(result).toEqual({ file: join(shop.dir, 'parity.yaml'), created: false });
    const written = readFileSync(join(shop.dir, 'parity.yaml'), 'utf8');
    for (const line of original.split('\n')) expect(written).toContain(line);
    expect(written).toContain(`${finding.service}.${finding.path}`);
    const after = await api.handlers['drift.get']({ project: shop.dir }, listener);
    if (!after.available) throw new Error(after.reason);
    expect(
      after.report.findings.find((f) => f.service === finding.service && f.path === finding.path),
    ).toMatchObject({ status: 'accepted', reason: 'agreed in review' });
    expect(session.events.map((e) => e.event)).toContain('drift.changed');
  });

  it('says why drift against the running containers or parity.lock is unavailable', async () => {
    const shop = shopApi();
    api = shop.api;
    const session = recordingSession();
    const runtime = await api.handlers['drift.get'](
      { project: shop.dir, against: 'runtime' },
      session,
    );
    expect(!runtime.available && runtime.reason).toBe(
      'Cannot read the Docker engine at unix:///nonexistent/docker.sock (DOCKER_HOST): no Docker socket there: is the engine running?',
    );
    const lock = await api.handlers['drift.get']({ project: shop.dir, against: 'lock' }, session);
    expect(!lock.available && lock.reason).toBe(
      'No parity.lock in the project folder: `parity lock` writes it',
    );
  });
});
