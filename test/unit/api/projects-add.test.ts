import { afterEach, describe, expect, it, vi } from 'vitest';
import * as loader from '../../../src/main/config/load-project';
import { createApi, type ParityApi } from '../../../src/main/api/create-api';
import { DockerEngine } from '../../../src/main/engine/docker-engine';
import { memorySettings, recordingSession } from '../../support/api';
import { lines, makeProject } from '../../support/project-dir';

// The real loader, counted: the module namespace is wrapped so the API's calls go through it.
vi.mock('../../../src/main/config/load-project', async (importOriginal) => {
  const real = await importOriginal<typeof loader>();
  return { ...real, loadProject: vi.fn(real.loadProject) };
});
const loadProject = vi.mocked(loader.loadProject);

describe('projects.add', () => {
  let api: ParityApi | undefined;
  afterEach(() => api?.close());

  it('reads the folder once (with its active profiles), saves it, and summarizes that reading', async () => {
    const dir = makeProject('once', {
      'compose.yaml': lines('services:', '  web: { image: busybox:1.37 }'),
    });
    const settings = memorySettings();
    api = createApi({
      // The files only: no engine answers here.
      engine: DockerEngine.fromEnvironment({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }),
      settings,
      env: {},
    });
    loadProject.mockClear();
    const added = await api.handlers['projects.add']({ directory: dir }, recordingSession());
    expect(added).toMatchObject({ id: dir, name: 'once', state: 'stopped' });
    expect(settings.read().projects.map((p) => p.directory)).toEqual([dir]);
    // Drift reads every profile, a reading of its own; the project itself is read once.
    const plain = loadProject.mock.calls.filter(([options]) => options.profiles === undefined);
    expect(plain).toHaveLength(1);
  });
});
