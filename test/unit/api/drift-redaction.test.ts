import { afterEach, describe, expect, it } from 'vitest';
import { createApi, type ParityApi } from '../../../src/main/api/create-api';
import { DockerEngine } from '../../../src/main/engine/docker-engine';
import { memorySettings, recordingSession } from '../../support/api';
import { lines, makeProject } from '../../support/project-dir';

const TOKEN = 'ghp_APITOKEN0123456789';

// What the UI is sent goes through the same rule as the CLI's reports: the page never sees a
// secret, a URL's password or a value the shell gave.
describe('the API sends redacted values to the page', () => {
  let api: ParityApi | undefined;
  afterEach(() => api?.close());

  it('in drift findings and in service details', async () => {
    const dir = makeProject('api-redaction', {
      'compose.yaml': lines(
        'services:',
        '  web:',
        '    image: busybox:1.37',
        '    environment:',
        '      NOTE: ${GH_PAT}',
        '      DB_PASS: hunter4',
        '      DATABASE_URL: postgres://app:hunter4@db/x',
        '      LOG_LEVEL: debug',
      ),
      'parity.yaml': lines('production:', '  - compose: prod.yaml'),
      'prod.yaml': lines(
        'services:',
        '  web:',
        '    image: busybox:1.37',
        '    environment: { NOTE: x, DB_PASS: y, DATABASE_URL: "postgres://app:z@db/x", LOG_LEVEL: info }',
      ),
    });
    api = createApi({
      engine: DockerEngine.fromEnvironment({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }),
      settings: memorySettings({ projects: [{ directory: dir, startAtLogin: false }] }),
      env: { GH_PAT: TOKEN },
    });
    const session = recordingSession();
    const drift = await api.handlers['drift.get']({ project: dir }, session);
    const sent = JSON.stringify(drift);
    expect(drift.available).toBe(true);
    expect(sent).not.toContain(TOKEN);
    expect(sent).not.toContain('hunter4');
    expect(sent).toContain('${GH_PAT}');
    expect(sent).toContain('postgres://app:****@db/x');
    expect(sent).toContain('"debug"');

    const detail = await api.handlers['projects.get']({ project: dir }, session);
    const env = detail.services.find((s) => s.name === 'web')?.env ?? [];
    expect(env.find((e) => e.name === 'DB_PASS')).toEqual({
      name: 'DB_PASS',
      value: null,
      secret: true,
    });
    expect(env.find((e) => e.name === 'DATABASE_URL')?.value).toBe('postgres://app:****@db/x');
    expect(env.find((e) => e.name === 'LOG_LEVEL')?.value).toBe('debug');
    expect(env.find((e) => e.name === 'NOTE')?.value).toBe('${GH_PAT}');
    expect(JSON.stringify(detail)).not.toContain(TOKEN);
  });
});
