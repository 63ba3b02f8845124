import { afterEach, describe, expect, it } from 'vitest';
import { createApi, type ParityApi } from '../../../src/main/api/create-api';
import { DockerEngine } from '../../../src/main/engine/docker-engine';
import { WorkerProjectLoader, type ProjectLoader } from '../../../src/main/workers/project-loader';
import { memorySettings, recordingSession } from '../../support/api';
import { lines, makeProject } from '../../support/project-dir';

// The files only: no engine answers here.
const NO_ENGINE = { DOCKER_HOST: 'unix:///nonexistent/docker.sock' };

// The real loader (worker threads), with every reading it is asked for counted.
function countingLoader(env: Record<string, string>): ProjectLoader & { plain: () => number } {
  const real = new WorkerProjectLoader(env);
  const readings: boolean[] = [];
  return {
    load: (folder, allProfiles) => {
      readings.push(allProfiles);
      return real.load(folder, allProfiles);
    },
    drift: (folder) => real.drift(folder),
    compare: (job) => real.compare(job),
    forget: (folder) => real.forget(folder),
    close: () => real.close(),
    plain: () => readings.filter((all) => !all).length,
  };
}

describe('projects.add', () => {
  let api: ParityApi | undefined;
  let loader: (ProjectLoader & { plain: () => number }) | undefined;
  afterEach(async () => {
    await api?.close();
    await loader?.close();
  });

  it('reads the folder once (with its active profiles), saves it, and summarizes that reading', async () => {
    const dir = makeProject('once', {
      'compose.yaml': lines('services:', '  web: { image: busybox:1.37 }'),
    });
    const settings = memorySettings();
    loader = countingLoader({});
    api = createApi({ engine: DockerEngine.fromEnvironment(NO_ENGINE), settings, env: {}, loader });
    const added = await api.handlers['projects.add']({ directory: dir }, recordingSession());
    expect(added).toMatchObject({ id: dir, name: 'once', state: 'stopped' });
    expect(settings.read().projects.map((p) => p.directory)).toEqual([dir]);
    // Drift reads every profile, a reading of its own; the project itself is read once.
    expect(loader.plain()).toBe(1);
  });

  it('refuses, and does not save, a folder whose reading passes the time limit', async () => {
    // Big but legal: 3,000 services take the worker far longer than 50 ms to read.
    const services = Array.from({ length: 3_000 }, (_, i) => `  s${i}: { image: busybox:1.37 }`);
    const dir = makeProject('huge', { 'compose.yaml': lines('services:', ...services) });
    const settings = memorySettings();
    const env = { PARITY_LOAD_TIME_LIMIT_MS: '50' };
    api = createApi({ engine: DockerEngine.fromEnvironment(NO_ENGINE), settings, env });
    await expect(
      api.handlers['projects.add']({ directory: dir }, recordingSession()),
    ).rejects.toThrow(
      new RegExp(
        `^${dir} cannot be added: loading took longer than 50 ms while reading its files: stopped; the biggest inputs were compose\\.yaml \\(\\d+\\.\\d KB\\)$`,
      ),
    );
    expect(settings.read().projects).toEqual([]);
  });
});
