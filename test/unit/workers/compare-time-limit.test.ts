import { afterEach, describe, expect, it } from 'vitest';
import { createApi, type ParityApi } from '../../../src/main/api/create-api';
import { DockerEngine } from '../../../src/main/engine/docker-engine';
import { memorySettings, recordingSession } from '../../support/api';
import { lines, makeProject } from '../../support/project-dir';

// Drift against parity.lock reads a committed file: on a load worker, within the load time
// limit, stopped with the same diagnostic as a load. The lock here is legal and just under the
// 16 MiB cap, far more than can be read in the limit; the main thread keeps its timers.

const LIMIT_MS = 1_500;
const DIGEST = `sha256:${'a'.repeat(64)}`;

function hugeLock(): string {
  const entry = (i: number): string =>
    `  s${i}: { image: "busybox:1.37", built: false, digest: null, id: "${DIGEST}" }`;
  return lines(
    'version: 1',
    'project: big',
    'services:',
    ...Array.from({ length: 100_000 }, (_, i) => entry(i)),
  );
}

describe('drift against a parity.lock too big to read within the time limit', () => {
  let api: ParityApi | undefined;
  afterEach(() => api?.close());

  it('is stopped at the limit with a diagnostic naming the lock, and the event loop never stalls', async () => {
    const dir = makeProject('big', {
      'compose.yaml': lines('services:', '  web: { image: busybox:1.37 }'),
      'parity.lock': hugeLock(),
    });
    api = createApi({
      engine: DockerEngine.fromEnvironment({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }),
      settings: memorySettings({ projects: [{ directory: dir, startAtLogin: false }] }),
      env: { PARITY_LOAD_TIME_LIMIT_MS: String(LIMIT_MS) },
    });
    const session = recordingSession();
    // Read once first: the worker is up and the project's own files read well within the limit.
    await api.handlers['projects.get']({ project: dir }, session);

    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 20);
    try {
      const asked = performance.now();
      const lock = await api.handlers['drift.get']({ project: dir, against: 'lock' }, session);
      const took = performance.now() - asked;
      expect(lock.available).toBe(false);
      const reason = lock.available ? '' : lock.reason;
      expect(reason).toMatch(
        /^loading took longer than 1\.5 s while reading parity\.lock and comparing the local images with it: stopped; the biggest inputs were parity\.lock \(1\d\.\d MB\)/,
      );
      expect(lock.problems).toEqual([{ severity: 'error', message: reason }]);
      expect(took).toBeGreaterThan(LIMIT_MS - 100);
      expect(took).toBeLessThan(LIMIT_MS * 4);
      expect(longestGap).toBeLessThan(LIMIT_MS / 3);
    } finally {
      clearInterval(ticker);
    }

    // The same project still answers what needs no lock.
    const runtime = await api.handlers['drift.get']({ project: dir, against: 'runtime' }, session);
    expect(!runtime.available && runtime.reason).toMatch(/^Cannot read the Docker engine at /);
  }, 60_000);
});
