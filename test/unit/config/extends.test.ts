import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/shared/diagnostics';
import { loadProject, type LoadOptions } from '../../../src/main/config/load-project';
import { makeProject } from '../../support/project-dir';

function load(dir: string, options: Partial<LoadOptions> = {}) {
  const result = loadProject({ dir, env: {}, ...options });
  return { ...result, messages: result.diagnostics.map(formatDiagnostic) };
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('extends in the same file', () => {
  const dir = makeProject('same-file', {
    'compose.yaml': lines(
      'services:',
      '  base:',
      '    image: example/app:1.0',
      '    command: ["serve"]',
      '    environment:',
      '      LOG_LEVEL: info',
      '      REGION: eu',
      '    ports: ["8080:80"]',
      '    labels: { team: core }',
      '  web:',
      '    extends: base',
      '    command: ["serve", "--web"]',
      '    environment:',
      '      LOG_LEVEL: debug',
      '    ports: ["9090:90"]',
    ),
  });

  it('reads the short form, the local service merged over its base', () => {
    const { project, messages } = load(dir);
    expect(messages).toEqual([]);
    const web = project?.model.services.web;
    expect(web?.name).toBe('web');
    expect(web?.image?.value.raw).toBe('example/app:1.0');
    expect(web?.command?.value).toEqual(['serve', '--web']);
    expect(web?.ports.map((p) => p.value.published)).toEqual(['8080', '9090']);
    expect(web?.labels.team?.value).toBe('core');
    // The base stays a service of the project.
    expect(Object.keys(project?.model.services ?? {})).toEqual(['base', 'web']);
  });

  it('keeps the position of whichever definition won each value', () => {
    const web = load(dir).project?.model.services.web;
    expect(web?.source).toEqual({ file: 'compose.yaml', line: 10, column: 3 });
    expect(web?.image?.source).toEqual({ file: 'compose.yaml', line: 3, column: 12 });
    expect(web?.command?.source).toEqual({ file: 'compose.yaml', line: 12, column: 14 });
    expect(web?.environment.LOG_LEVEL).toEqual({
      value: 'debug',
      source: { file: 'compose.yaml', line: 14, column: 18 },
    });
    expect(web?.environment.REGION).toEqual({
      value: 'eu',
      source: { file: 'compose.yaml', line: 7, column: 15 },
    });
  });
});

describe('extends another file', () => {
  const dir = makeProject('other-file', {
    'compose.yaml': lines(
      'services:',
      '  api:',
      '    extends:',
      '      file: common/base.yaml',
      '      service: app',
      '    environment:',
      '      MODE: api',
    ),
    'common/base.yaml': lines(
      'services:',
      '  app:',
      '    build: ./app',
      '    env_file: ./app.env',
      '    volumes: ["./data:/data"]',
      '    environment:',
      '      TAG: ${TAG:-dev}',
    ),
    'common/app.env': 'FROM_ENV_FILE=yes\nMODE=base\n',
    '.env': 'TAG=from-project-env\n',
  });

  it('resolves the base’s relative paths against its own folder', () => {
    const { project, messages } = load(dir);
    expect(messages).toEqual([]);
    const api = project?.model.services.api;
    expect(api?.build?.value.context).toBe(join(dir, 'common/app'));
    expect(api?.volumes[0]?.value.source).toBe(join(dir, 'common/data'));
    expect(api?.environment.FROM_ENV_FILE).toEqual({
      value: 'yes',
      source: { file: 'common/app.env', line: 1, column: 1 },
    });
  });

  it('interpolates the other file with the project’s variables, and names it from the project folder', () => {
    const api = load(dir).project?.model.services.api;
    expect(api?.environment.TAG).toEqual({
      value: 'from-project-env',
      source: { file: 'common/base.yaml', line: 7, column: 12 },
    });
    expect(api?.environment.MODE?.source.file).toBe('compose.yaml');
    expect(api?.build?.source).toEqual({ file: 'common/base.yaml', line: 3, column: 12 });
    // The other file's services are not part of the project.
    expect(Object.keys(load(dir).project?.model.services ?? {})).toEqual(['api']);
  });
});

describe('extends chains', () => {
  const dir = makeProject('chain', {
    'compose.yaml': lines(
      'services:',
      '  web:',
      '    extends: { file: lib/one.yaml, service: middle }',
      '    user: web',
    ),
    'lib/one.yaml': lines(
      'services:',
      '  middle:',
      '    extends: { file: deeper/two.yaml, service: bottom }',
      '    restart: always',
      '    environment: [LEVEL=middle]',
    ),
    'lib/deeper/two.yaml': lines(
      'services:',
      '  bottom:',
      '    extends: root',
      '    build: .',
      '    environment: [LEVEL=bottom, BOTTOM=1]',
      '  root:',
      '    image: example/root',
      '    environment: [LEVEL=root, ROOT=1]',
    ),
  });

  it('resolves a chain across files, each file against its own folder', () => {
    const { project, messages } = load(dir);
    expect(messages).toEqual([]);
    const web = project?.model.services.web;
    expect(web?.user?.value).toBe('web');
    expect(web?.restart?.source).toEqual({ file: 'lib/one.yaml', line: 4, column: 14 });
    expect(web?.image?.source.file).toBe('lib/deeper/two.yaml');
    expect(web?.build?.value.context).toBe(join(dir, 'lib/deeper'));
    expect(
      Object.fromEntries(Object.entries(web?.environment ?? {}).map(([k, f]) => [k, f.value])),
    ).toEqual({ LEVEL: 'middle', ROOT: '1', BOTTOM: '1' });
  });
});

describe('what extends does not inherit', () => {
  const dir = makeProject('inherit', {
    'compose.yaml': lines(
      'services:',
      '  db: { image: postgres }',
      '  cache: { image: redis }',
      '  base:',
      '    image: example/app',
      '    depends_on: [db]',
      '    profiles: [tools]',
      '    healthcheck:',
      '      test: ["CMD", "check"]',
      '      interval: 10s',
      '  worker:',
      '    extends: base',
      '    depends_on: [cache]',
      '    profiles: [jobs]',
      '    healthcheck:',
      '      interval: 2s',
    ),
  });

  it('drops the base’s depends_on (compose-go ≥ 2.4.7), keeps the local one', () => {
    const worker = load(dir, { profiles: ['jobs'] }).project?.model.services.worker;
    expect(Object.keys(worker?.dependsOn ?? {})).toEqual(['cache']);
  });

  it('appends the local profiles to the base’s, as for any list', () => {
    const { project } = load(dir, { profiles: ['tools'] });
    expect(project?.model.services.worker?.profiles).toEqual(['tools', 'jobs']);
  });

  it('merges the healthcheck key by key', () => {
    const worker = load(dir, { profiles: ['jobs'] }).project?.model.services.worker;
    expect(worker?.healthcheck?.value).toMatchObject({ test: ['CMD', 'check'], intervalMs: 2000 });
  });
});

describe('extends errors', () => {
  it('reports a cycle once, naming the chain, at the extends key that closes it', () => {
    const dir = makeProject('cycle', {
      'compose.yaml': lines(
        'services:',
        '  a:',
        '    image: x',
        '    extends: b',
        '  b:',
        '    extends: { file: other.yaml, service: c }',
      ),
      'other.yaml': lines('services:', '  c:', '    extends: { file: compose.yaml, service: a }'),
    });
    const { project, messages } = load(dir);
    expect(project).toBeNull();
    expect(messages).toEqual([
      'other.yaml:3:5: error: circular reference: a in compose.yaml extends b in compose.yaml extends c in other.yaml extends a in compose.yaml',
    ]);
  });

  it('reports a service extending itself', () => {
    const dir = makeProject('self', {
      'compose.yaml': 'services:\n  a:\n    image: x\n    extends: a\n',
    });
    expect(load(dir).messages).toEqual([
      'compose.yaml:4:5: error: circular reference: a in compose.yaml extends a in compose.yaml',
    ]);
  });

  it('reports a missing base service at the extends value', () => {
    const dir = makeProject('missing', {
      'compose.yaml': lines(
        'services:',
        '  web:',
        '    image: x',
        '    extends: nowhere',
        '  api:',
        '    image: x',
        '    extends:',
        '      file: base.yaml',
        '      service: gone',
      ),
      'base.yaml': 'services:\n  app:\n    image: x\n',
    });
    const { project, messages } = load(dir);
    expect(project).toBeNull();
    expect(messages).toEqual([
      'compose.yaml:4:14: error: cannot extend service "web" in compose.yaml: service "nowhere" not found',
      'compose.yaml:9:16: error: cannot extend service "api" in compose.yaml: service "gone" not found in base.yaml',
    ]);
  });

  it('reports a missing file at the file value, and a mapping without service', () => {
    const dir = makeProject('missing-file', {
      'compose.yaml': lines(
        'services:',
        '  web:',
        '    image: x',
        '    extends: { file: nope.yaml, service: app }',
        '  api:',
        '    image: x',
        '    extends: { file: nope.yaml }',
      ),
    });
    const { messages } = load(dir);
    expect(messages).toEqual([
      expect.stringMatching(
        /^compose\.yaml:4:22: error: cannot extend service "web" in compose\.yaml: cannot read nope\.yaml: /,
      ),
      'compose.yaml:7:14: error: found a mapping without "service" for services.api.extends, expected the name of the service to extend',
    ]);
  });
});

describe('env_file format: raw', () => {
  it('takes values literally, as docker run --env-file does', () => {
    const dir = makeProject('raw', {
      'compose.yaml': lines(
        'services:',
        '  app:',
        '    image: x',
        '    env_file:',
        '      - path: ./raw.env',
        '        format: raw',
        '      - ./plain.env',
      ),
      'raw.env': [
        '# a comment',
        `JSON='{"key": "$HOME"}'`,
        '  INDENTED=a # not a comment ',
        'FROM_SHELL',
        'MISSING',
        '',
      ].join('\n'),
      'plain.env': `QUOTED='{"key": "value"}'\n`,
    });
    const { project, messages } = load(dir, { env: { FROM_SHELL: 'shell' } });
    expect(messages).toEqual([]);
    const env = project?.model.services.app?.environment ?? {};
    expect(Object.fromEntries(Object.entries(env).map(([k, f]) => [k, f.value]))).toEqual({
      JSON: `'{"key": "$HOME"}'`,
      INDENTED: 'a # not a comment ',
      FROM_SHELL: 'shell',
      QUOTED: '{"key": "value"}',
    });
    expect(env.INDENTED?.source).toEqual({ file: 'raw.env', line: 3, column: 3 });
  });

  it('refuses a format Compose does not know, and a bad raw line', () => {
    const dir = makeProject('raw-bad', {
      'compose.yaml': lines(
        'services:',
        '  app:',
        '    image: x',
        '    env_file:',
        '      - { path: a.env, format: yaml }',
        '      - { path: b.env, format: raw }',
      ),
      'b.env': 'GOOD=1\nBAD NAME=2\n=3\n',
    });
    const { project, messages } = load(dir);
    expect(project).toBeNull();
    expect(messages).toEqual([
      'compose.yaml:5:32: error: found format "yaml" for env_file, expected raw (or no format, for the .env syntax)',
      'b.env:2:1: error: found the name "BAD NAME", expected a name without spaces or tabs',
      'b.env:3:1: error: found "=3", expected NAME=value: no variable name',
    ]);
  });
});

describe('long extends chains', () => {
  // s0 extends s1 extends ... s(n-1), which has the image.
  const chain = (n: number): string =>
    lines(
      'services:',
      ...Array.from({ length: n }, (_, i) =>
        i === n - 1
          ? `  s${i}:\n    image: example/app:1.0\n    environment: { LAST: "${i}" }`
          : `  s${i}:\n    extends: s${i + 1}\n    environment: { AT${i}: "${i}" }`,
      ),
    );

  it('resolves a chain of 64 services, each inheriting all the way down', () => {
    const { project, messages } = load(makeProject('chain-64', { 'compose.yaml': chain(64) }));
    expect(messages).toEqual([]);
    const first = project?.model.services.s0;
    expect(first?.image?.value.raw).toBe('example/app:1.0');
    expect(Object.keys(first?.environment ?? {})).toHaveLength(64);
  });

  it('refuses a chain of 5,000 with one error at the extends key, not a stack overflow', () => {
    const { project, messages } = load(makeProject('chain-5000', { 'compose.yaml': chain(5000) }));
    expect(project).toBeNull();
    const refusals = messages.filter((m) => m.includes('a chain of more than 64 services'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatch(/^compose\.yaml:\d+:5: error: found a chain of more than 64/);
    expect(messages.join('\n')).not.toMatch(/call stack/i);
  });

  it('resolves 3,000 services over one shared base chain once each', () => {
    const services = Array.from(
      { length: 3000 },
      (_, i) => `  app${i}:\n    extends: s0\n    environment: { N: "${i}" }`,
    );
    const text = `${chain(40)}${services.join('\n')}\n`;
    const { project, messages } = load(makeProject('shared-base', { 'compose.yaml': text }));
    expect(messages).toEqual([]);
    expect(project?.model.services.app2999?.environment.LAST?.value).toBe('39');
    expect(project?.model.services.app2999?.environment.N?.value).toBe('2999');
  });
});
