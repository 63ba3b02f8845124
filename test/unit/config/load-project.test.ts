import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/shared/diagnostics';
import { loadProject, type LoadOptions } from '../../../src/main/config/load-project';
import { CORPORA, CORPORA_PRESENT, warnWithoutCorpora } from '../../support/corpora';
import { makeProject } from '../../support/project-dir';

const SHOP = fileURLToPath(new URL('../../../examples/shop', import.meta.url));

function load(dir: string, options: Partial<LoadOptions> = {}) {
  const result = loadProject({ dir, env: {}, ...options });
  return { ...result, messages: result.diagnostics.map(formatDiagnostic) };
}

describe('loading examples/shop', () => {
  const { project, messages } = load(SHOP);
  const services = project?.model.services ?? {};

  it('reads it without a problem, named after its folder', () => {
    expect(messages).toEqual([]);
    expect(project?.name).toBe('shop');
    expect(Object.keys(services)).toEqual(['web', 'api', 'worker']);
  });

  it('keeps where each value was written', () => {
    expect(services.api?.environment.LOG_LEVEL).toEqual({
      value: 'debug',
      source: { file: 'compose.yaml', line: 30, column: 18 },
    });
    expect(services.worker?.image?.value).toMatchObject({
      repository: 'library/busybox',
      tag: '1.37',
    });
    expect(services.worker?.image?.source).toMatchObject({ file: 'compose.yaml', line: 45 });
  });

  it('reads the health check, the dependency condition and the named volume', () => {
    expect(services.api?.healthcheck?.value).toMatchObject({
      test: ['CMD', 'wget', '-q', '-O', '-', 'http://127.0.0.1:8081/cgi-bin/health'],
      intervalMs: 2000,
      retries: 10,
      startPeriodMs: 1000,
    });
    expect(services.worker?.dependsOn.api?.value).toEqual({
      condition: 'service_healthy',
      required: true,
      restart: false,
    });
    expect(project?.model.volumes['worker-data']?.value).toEqual({
      name: 'shop_worker-data',
      external: false,
    });
    expect(services.web?.build?.value.context).toBe(`${SHOP}/web`);
    expect(services.web?.ports[0]?.value).toMatchObject({
      target: 8080,
      published: '18080',
      hostIp: '127.0.0.1',
    });
  });
});

warnWithoutCorpora('loading the real-world corpora');

describe.skipIf(!CORPORA_PRESENT)('loading the real-world corpora', () => {
  it.each([
    ['example-voting-app', ['vote', 'result', 'worker', 'redis', 'db']],
    [
      'sock-shop/deploy/docker-compose',
      ['front-end', 'edge-router', 'catalogue', 'catalogue-db', 'carts', 'carts-db'],
    ],
  ])('%s loads without errors', (folder, someServices) => {
    const dir = join(CORPORA, folder);
    const { project, diagnostics } = load(dir);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(Object.keys(project?.model.services ?? {})).toEqual(
      expect.arrayContaining(someServices),
    );
  });
});

describe('overrides, .env and interpolation', () => {
  const dir = makeProject('My_App', {
    'compose.yaml': [
      'services:',
      '  api:',
      '    image: "example/api:${API_TAG:-latest}"',
      '    environment:',
      '      LOG_LEVEL: info',
      '      DATABASE_URL: postgres://db:${DB_PORT}/app',
      '      FROM_SHELL:',
      '    ports: ["8080:80"]',
      '',
    ].join('\n'),
    'compose.override.yaml': [
      'services:',
      '  api:',
      '    environment:',
      '      LOG_LEVEL: debug',
      '    ports: ["127.0.0.1:9090:90"]',
      '',
    ].join('\n'),
    '.env': 'API_TAG=1.4\nDB_PORT=5432\n',
  });

  it('merges the override file, and says which file each value came from', () => {
    const { project } = load(dir);
    const api = project?.model.services.api;
    expect(project?.composeFiles.map((file) => file.slice(dir.length + 1))).toEqual([
      'compose.yaml',
      'compose.override.yaml',
    ]);
    expect(api?.environment.LOG_LEVEL).toEqual({
      value: 'debug',
      source: { file: 'compose.override.yaml', line: 4, column: 18 },
    });
    expect(api?.ports.map((port) => port.value.published)).toEqual(['8080', '9090']);
  });

  it('interpolates from .env, the shell winning over it', () => {
    expect(load(dir).project?.model.services.api?.image?.value.tag).toBe('1.4');
    const shell = load(dir, { env: { API_TAG: '2.0', FROM_SHELL: 'yes' } }).project?.model.services
      .api;
    expect(shell?.image?.value.tag).toBe('2.0');
    expect(shell?.environment.DATABASE_URL?.value).toBe('postgres://db:5432/app');
  });

  it('takes a value-less environment entry from the shell, and leaves it out when unset', () => {
    expect(
      load(dir, { env: { FROM_SHELL: 'yes' } }).project?.model.services.api?.environment.FROM_SHELL
        ?.value,
    ).toBe('yes');
    expect(load(dir).project?.model.services.api?.environment).not.toHaveProperty('FROM_SHELL');
  });

  it('names the project after the normalized folder, unless told otherwise', () => {
    expect(load(dir).project?.name).toBe('my_app');
    expect(load(dir, { env: { COMPOSE_PROJECT_NAME: 'from-env' } }).project?.name).toBe('from-env');
    expect(
      load(dir, { projectName: 'cli', env: { COMPOSE_PROJECT_NAME: 'from-env' } }).project?.name,
    ).toBe('cli');
    const bad = load(dir, { projectName: 'Bad Name' });
    expect(bad.project).toBeNull();
    expect(bad.messages.join('\n')).toContain('invalid project name "Bad Name"');
  });

  it('uses only the files given with -f, in order', () => {
    const { project } = load(dir, { files: ['compose.yaml'] });
    expect(project?.model.services.api?.environment.LOG_LEVEL?.value).toBe('info');
  });
});

describe('profiles', () => {
  const dir = makeProject('profiles', {
    'compose.yaml': [
      'services:',
      '  app: { image: app }',
      '  debug: { image: busybox, profiles: [debug] }',
      '  needs-debug:',
      '    image: app',
      '    profiles: [tools]',
      '    depends_on: [debug]',
      '',
    ].join('\n'),
  });

  it('leaves out services behind an inactive profile', () => {
    expect(Object.keys(load(dir).project?.model.services ?? {})).toEqual(['app']);
    expect(Object.keys(load(dir, { profiles: ['debug'] }).project?.model.services ?? {})).toEqual([
      'app',
      'debug',
    ]);
  });

  it('refuses a dependency on a service whose profile is not active', () => {
    const { project, messages } = load(dir, { profiles: ['tools'] });
    expect(project).toBeNull();
    expect(messages).toEqual([
      'compose.yaml:7:18: error: service "needs-debug" depends on "debug", which is behind a profile that is not active',
    ]);
  });
});

describe('bad input', () => {
  it('reports every problem at once with file:line:col, and no project', () => {
    const dir = makeProject('bad', {
      'compose.yaml': [
        'services:',
        '  api:',
        '    image: api',
        '    ports: ["eighty:80"]',
        '    healthcheck:',
        '      interval: soon',
        '    restrat: always',
        '  worker:',
        '    command: echo',
        '    depends_on: [db]',
        '',
      ].join('\n'),
    });
    const { project, messages } = load(dir);
    expect(project).toBeNull();
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^compose\.yaml:4:\d+: error: .*eighty/),
        expect.stringMatching(/^compose\.yaml:6:17: error: .*soon/),
        'compose.yaml:7:5: warning: unknown key "restrat" in service "api"',
        'compose.yaml:8:3: error: service "worker" has neither an image nor a build context',
        'compose.yaml:10:18: error: service "worker" depends on "db", which is not defined',
      ]),
    );
  });

  it('reports a required variable with its message and position', () => {
    const dir = makeProject('required', {
      'compose.yaml':
        'services:\n  db:\n    image: "postgres:${PG_VERSION:?set PG_VERSION in .env}"\n',
    });
    const { project, messages } = load(dir);
    expect(project).toBeNull();
    expect(messages[0]).toMatch(/^compose\.yaml:3:12: error: .*set PG_VERSION in \.env/);
  });

  it('says where it looked when there is no compose file', () => {
    const dir = makeProject('empty', { 'README.md': '# nothing\n' });
    expect(load(dir).messages[0]).toContain('no compose file in');
  });

  it.each([
    ['a list at the top', '- a\n- b\n'],
    ['a scalar', 'hello\n'],
    ['services as a list', 'services:\n  - web\n'],
    ['a service as a string', 'services:\n  web: nginx\n'],
    ['ports as a mapping', 'services:\n  web:\n    image: x\n    ports: { a: 1 }\n'],
    ['environment as a string', 'services:\n  web:\n    image: x\n    environment: A=1\n'],
    ['a healthcheck list', 'services:\n  web:\n    image: x\n    healthcheck: [a]\n'],
    ['a broken alias', 'services:\n  web: *nowhere\n'],
    ['a tab-indented file', 'services:\n\tweb:\n\t\timage: x\n'],
  ])('never throws on %s, and says what it expected', (_what, text) => {
    const dir = makeProject('odd', { 'compose.yaml': text });
    const { project, diagnostics } = load(dir);
    expect(project).toBeNull();
    expect(
      diagnostics.some((d) => d.severity === 'error' && d.position?.file === 'compose.yaml'),
    ).toBe(true);
  });
});

describe('tmpfs', () => {
  it('reads tmpfs: as memory-backed mounts, with their size, mode and options as written', () => {
    const dir = makeProject('tmpfs', {
      'compose.yaml':
        'services:\n  app:\n    image: app\n    tmpfs: [/tmp, "/run:rw,noexec,size=64m,mode=1777", "/ro:ro"]\n',
    });
    const volumes = load(dir).project?.model.services.app?.volumes.map((v) => v.value);
    expect(volumes).toEqual([
      { type: 'tmpfs', source: null, target: '/tmp', readOnly: false, tmpfs: { options: '' } },
      {
        type: 'tmpfs',
        source: null,
        target: '/run',
        readOnly: false,
        tmpfs: { size: 64 * 2 ** 20, mode: 0o1777, options: 'rw,noexec,size=64m,mode=1777' },
      },
      { type: 'tmpfs', source: null, target: '/ro', readOnly: true, tmpfs: { options: 'ro' } },
    ]);
  });

  it('refuses a size or a mode that does not read, at its line', () => {
    const dir = makeProject('tmpfs-options', {
      'compose.yaml':
        'services:\n  app:\n    image: app\n    tmpfs:\n      - /a:size=lots\n      - /b:mode=rwx\n',
    });
    expect(load(dir).messages).toEqual([
      expect.stringMatching(/^compose\.yaml:5:9: error: found "lots", expected a size in bytes/),
      'compose.yaml:6:9: error: found mode "rwx" in tmpfs "/b:mode=rwx", expected an octal mode like 1777',
    ]);
  });

  it('refuses a relative path', () => {
    const dir = makeProject('tmpfs-bad', {
      'compose.yaml': 'services:\n  app:\n    image: app\n    tmpfs: tmp\n',
    });
    expect(load(dir).messages).toEqual([
      'compose.yaml:4:12: error: found "tmp" for tmpfs, expected an absolute container path, optionally with options ("/tmp:rw,noexec,size=64m")',
    ]);
  });
});

describe('--profile "*"', () => {
  it('activates every profile, as docker compose does', () => {
    const dir = makeProject('all-profiles', {
      'compose.yaml':
        'services:\n  a: { image: a }\n  b: { image: b, profiles: [x] }\n  c: { image: c, profiles: [y] }\n',
    });
    expect(Object.keys(load(dir, { profiles: ['*'] }).project?.model.services ?? {})).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});
