import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi, type ParityApi } from '../../../src/main/api/create-api';
import { DockerEngine } from '../../../src/main/engine/docker-engine';
import type { ApiEvent } from '../../../src/shared/api/event-contract';
import { memorySettings, recordingSession } from '../../support/api';

// test/fixtures/mirror-trust: a laptop stack that asks nothing of the host, and production
// running the same service privileged with SYS_PTRACE. Turning the switch on asks first; a
// decline changes nothing, so the engine (absent here) is never reached.
const FIXTURE = fileURLToPath(new URL('../../fixtures/mirror-trust', import.meta.url));

function projectApi(): { api: ParityApi; dir: string } {
  const dir = join(mkdtempSync(join(tmpdir(), 'parity-mirror-trust-')), 'shop');
  cpSync(FIXTURE, dir, { recursive: true });
  const api = createApi({
    engine: DockerEngine.fromEnvironment({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }),
    settings: memorySettings({ projects: [{ directory: dir, startAtLogin: false }] }),
    env: { HOME: dir },
  });
  return { api, dir };
}

describe('the Mirror production switch on a project whose production runs privileged', () => {
  let api: ParityApi | undefined;
  afterEach(() => api?.close());

  it('asks for trust, naming what production asks, and stays off', async () => {
    const project = projectApi();
    api = project.api;
    const session = recordingSession();
    const result = await api.handlers['projects.setMirror'](
      { project: project.dir, mirror: true },
      session,
    );
    expect(result.mirror).toBe(false);
    expect(result.needsTrust?.asks.map((a) => `${a.service} ${a.key} ${a.value}`)).toEqual(
      expect.arrayContaining(['api privileged true', 'api cap_add SYS_PTRACE']),
    );
    // Nothing changed: no override left behind, the project not mirroring.
    expect(existsSync(join(project.dir, 'compose.mirror.yaml'))).toBe(false);
    const detail = await api.handlers['projects.get']({ project: project.dir }, session);
    expect(detail.summary.mirroring ?? false).toBe(false);
  });

  it('refuses a trust hash for something else, and puts back an override already there', async () => {
    const project = projectApi();
    api = project.api;
    const session = recordingSession();
    const file = join(project.dir, 'compose.mirror.yaml');
    const old = '# an earlier override\nservices: {}\n';
    writeFileSync(file, old);
    const result = await api.handlers['projects.setMirror'](
      { project: project.dir, mirror: true, trust: 'a'.repeat(64) },
      session,
    );
    expect(result.mirror).toBe(false);
    expect(result.needsTrust).toBeDefined();
    expect(readFileSync(file, 'utf8')).toBe(old);
  });
});

describe('a mirroring project whose production comes to ask for host-level power', () => {
  let api: ParityApi | undefined;
  afterEach(() => api?.close());

  it('writes the override, starts nothing, and tells every window why', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'parity-mirror-trust-')), 'shop');
    cpSync(FIXTURE, dir, { recursive: true });
    api = createApi({
      engine: DockerEngine.fromEnvironment({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }),
      settings: memorySettings({
        projects: [{ directory: dir, startAtLogin: false, mirror: true }],
      }),
      env: { HOME: dir },
    });
    const events: ApiEvent[] = [];
    api.sessions.open((event) => events.push(event));
    // Any change of the project's files regenerates the override: here an accepted drift.
    await api.handlers['drift.accept'](
      { project: dir, service: 'api', path: 'image', reason: 'test' },
      recordingSession(),
    );
    const refusal = (): string | undefined => {
      for (const e of events) {
        if (e.event === 'progress' && e.payload.project === dir && e.payload.done?.ok === false) {
          return `${e.payload.operation}: ${e.payload.done.message ?? ''}`;
        }
      }
      return undefined;
    };
    await expect
      .poll(refusal)
      .toMatch(
        /^up: production now asks for host-level power \(.*api privileged true.*\): the mirror was not restarted; press Start/,
      );
    expect(existsSync(join(dir, 'compose.mirror.yaml'))).toBe(true);
  });
});
