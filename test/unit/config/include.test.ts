import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/shared/diagnostics';
import { loadProject, type LoadOptions } from '../../../src/main/config/load-project';
import { makeProject } from '../../support/project-dir';
import { runCliCaptured } from '../../support/cli';

function load(dir: string, options: Partial<LoadOptions> = {}) {
  const result = loadProject({ dir, env: {}, ...options });
  return { ...result, messages: result.diagnostics.map(formatDiagnostic) };
}

async function config(args: string[]) {
  return runCliCaptured(['config', ...args], {});
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const SHOP = {
  'compose.yaml': lines(
    'include:',
    '  - sub/compose.yaml',
    'services:',
    '  web:',
    '    image: "web:${TAG:-none}"',
    '    depends_on: [api]',
  ),
  '.env': 'TAG=main\nSHARED=parent\n',
  'sub/compose.yaml': lines(
    'services:',
    '  api:',
    '    build: ./api',
    '    image: "api:${API_TAG}"',
    '    env_file: api.env',
    '    environment:',
    '      SHARED: ${SHARED}',
    '      TAG: ${TAG}',
    '    volumes: ["api-data:/data", "./conf:/conf"]',
    '    networks: [back]',
    'volumes:',
    '  api-data: {}',
    'networks:',
    '  back: {}',
  ),
  'sub/.env': 'API_TAG=2.0\nSHARED=sub\n',
  'sub/api.env': 'FROM_FILE=${API_TAG}\n',
};

describe('include of a project in a sub-folder', () => {
  const dir = makeProject('shop', SHOP);

  it('imports its services, volumes and networks', () => {
    const { project, messages } = load(dir);
    expect(messages).toEqual([]);
    expect(Object.keys(project?.model.services ?? {}).sort()).toEqual(['api', 'web']);
    expect(project?.model.volumes['api-data']?.value).toEqual({
      name: 'shop_api-data',
      external: false,
    });
    expect(project?.model.networks.back?.source).toEqual({
      file: 'sub/compose.yaml',
      line: 14,
      column: 3,
    });
  });

  it('resolves its relative paths against its own folder', () => {
    const api = load(dir).project?.model.services.api;
    expect(api?.build?.value.context).toBe(join(dir, 'sub/api'));
    expect(api?.volumes[1]?.value.source).toBe(join(dir, 'sub/conf'));
    expect(api?.environment.FROM_FILE?.source.file).toBe('sub/api.env');
  });

  it('interpolates it with its own .env, the including project’s variables winning', () => {
    const { project } = load(dir);
    const api = project?.model.services.api;
    expect(api?.image?.value.tag).toBe('2.0');
    expect(api?.environment.FROM_FILE?.value).toBe('2.0');
    expect(api?.environment.SHARED?.value).toBe('parent');
    expect(api?.environment.TAG?.value).toBe('main');
    // The included .env is not the including project's.
    expect(project?.model.services.web?.image?.value.tag).toBe('main');
    expect(api?.image?.source).toEqual({ file: 'sub/compose.yaml', line: 4, column: 12 });
  });
});

describe('include, long form', () => {
  it('reads several files, project_directory and env_file', () => {
    const dir = makeProject('long', {
      'compose.yaml': lines(
        'include:',
        '  - path: [other/base.yaml, other/override.yaml]',
        '    project_directory: other/root',
        '    env_file: [config/other.env]',
      ),
      'config/other.env': 'IMAGE=example/other\n',
      'other/base.yaml': 'services:\n  other:\n    image: ${IMAGE}\n    build: ./ctx\n',
      'other/override.yaml': 'services:\n  other:\n    user: nobody\n',
      'other/root/.env': 'IMAGE=ignored-when-env_file-is-given\n',
    });
    const { project, messages } = load(dir);
    expect(messages).toEqual([]);
    const other = project?.model.services.other;
    expect(other?.image?.value.raw).toBe('example/other');
    expect(other?.build?.value.context).toBe(join(dir, 'other/root/ctx'));
    expect(other?.user).toEqual({
      value: 'nobody',
      source: { file: 'other/override.yaml', line: 3, column: 11 },
    });
  });

  it('includes nested projects, each against its own folder and .env', () => {
    const dir = makeProject('nested', {
      'compose.yaml': 'include: [a/compose.yaml]\n',
      'a/compose.yaml': 'include: [b/compose.yaml]\nservices:\n  a: { image: "a:${A}" }\n',
      'a/.env': 'A=1\nB=from-a\n',
      'a/b/compose.yaml': 'services:\n  b:\n    image: "b:${B}"\n    build: .\n',
      'a/b/.env': 'B=from-b\n',
    });
    const { project, messages } = load(dir);
    expect(messages).toEqual([]);
    expect(project?.model.services.a?.image?.value.tag).toBe('1');
    // a's variables are the including project's for b: they win over b's .env.
    expect(project?.model.services.b?.image?.value.tag).toBe('from-a');
    expect(project?.model.services.b?.build?.value.context).toBe(join(dir, 'a/b'));
    expect(project?.model.services.b?.source.file).toBe('a/b/compose.yaml');
  });

  it('lets a service extend an included one', () => {
    const dir = makeProject('extend-included', {
      'compose.yaml': 'include: [lib/compose.yaml]\nservices:\n  web:\n    extends: base\n',
      'lib/compose.yaml': 'services:\n  base:\n    image: base\n    build: .\n',
    });
    const { project, messages } = load(dir);
    expect(messages).toEqual([]);
    expect(project?.model.services.web?.build?.value.context).toBe(join(dir, 'lib'));
  });
});

describe('extends inside an included project', () => {
  it('finds the other file, and interpolates it, as the included project does', () => {
    const dir = makeProject('included-extends', {
      'compose.yaml': 'include: [svc/compose.yaml]\n',
      'svc/compose.yaml': 'services:\n  app:\n    extends: { file: base.yaml, service: base }\n',
      'svc/base.yaml': 'services:\n  base:\n    image: "base:${V}"\n    build: ./src\n',
      'svc/.env': 'V=7\n',
    });
    const { project, messages } = load(dir);
    expect(messages).toEqual([]);
    const app = project?.model.services.app;
    expect(app?.image?.value.tag).toBe('7');
    expect(app?.build?.value.context).toBe(join(dir, 'svc/src'));
    expect(app?.image?.source.file).toBe('svc/base.yaml');
  });
});

describe('include conflicts and errors', () => {
  it('merges a service the including file redefines over the included one, with a warning', () => {
    // Compose v2 refused this from v2.24.1 on ("services.api conflicts with imported
    // resource"); since compose-go PR 835 (in Compose v5) the including file's definition is
    // merged over the imported one, which Parity does, with a warning for Compose v2 users.
    const dir = makeProject('conflict', {
      'compose.yaml': lines(
        'include:',
        '  - sub/compose.yaml',
        'services:',
        '  api:',
        '    environment: [MODE=local]',
      ),
      'sub/compose.yaml':
        'services:\n  api:\n    image: api\n    environment: [MODE=sub, KEEP=1]\n',
    });
    const { project, messages } = load(dir);
    expect(messages).toEqual([
      'compose.yaml:4:3: warning: services.api is also defined by an included project (sub/compose.yaml:2:3); Compose v5 merges this definition over that one, Compose v2 releases since v2.24 refuse the project ("services.api conflicts with imported resource")',
    ]);
    const api = project?.model.services.api;
    expect(api?.source).toEqual({ file: 'compose.yaml', line: 4, column: 3 });
    expect(api?.image?.source.file).toBe('sub/compose.yaml');
    expect(api?.environment.MODE?.source).toEqual({ file: 'compose.yaml', line: 5, column: 19 });
    expect(api?.environment.KEEP?.source.file).toBe('sub/compose.yaml');
  });

  it('lets the first of two included projects win, and takes a project included twice once', () => {
    const dir = makeProject('two-includes', {
      'compose.yaml': lines(
        'include:',
        '  - one/compose.yaml',
        '  - two/compose.yaml',
        '  - shared/compose.yaml',
      ),
      'one/compose.yaml': lines(
        'include: [../shared/compose.yaml]',
        'services:',
        '  db: { image: "postgres:16", user: one }',
        'networks:',
        '  back: {}',
      ),
      'two/compose.yaml': lines(
        'services:',
        '  db: { image: "postgres:17", restart: always }',
        'networks:',
        '  back: {}',
      ),
      'shared/compose.yaml': 'services:\n  tool: { image: tool, profiles: [tools] }\n',
    });
    const { project, messages } = load(dir, { profiles: ['tools'] });
    expect(messages).toEqual([
      'compose.yaml:3:5: warning: services.db is also defined by an earlier included project (one/compose.yaml:3:3); Compose v5 merges that definition over this one, Compose v2 releases since v2.24 refuse the project ("services.db conflicts with imported resource")',
    ]);
    const db = project?.model.services.db;
    expect(db?.image?.value.tag).toBe('16');
    expect(db?.user?.value).toBe('one');
    expect(db?.restart?.source.file).toBe('two/compose.yaml');
    expect(project?.model.services.tool?.profiles).toEqual(['tools']);
  });

  it('reports an include cycle at the path that closes it', () => {
    const dir = makeProject('cycle', {
      'compose.yaml': 'include:\n  - a/compose.yaml\nservices:\n  x: { image: x }\n',
      'a/compose.yaml': 'include:\n  - ../compose.yaml\nservices:\n  y: { image: y }\n',
    });
    const { project, messages } = load(dir);
    expect(project).toBeNull();
    expect(messages).toEqual([
      'a/compose.yaml:2:5: error: include cycle detected: compose.yaml include a/compose.yaml include compose.yaml',
    ]);
  });

  it('reports a missing file, a missing env_file and a bad include', () => {
    const dir = makeProject('missing', {
      'compose.yaml': lines(
        'include:',
        '  - nope/compose.yaml',
        '  - path: sub/compose.yaml',
        '    env_file: missing.env',
        '  - project_directory: x',
        'services:',
        '  x: { image: x }',
      ),
      'sub/compose.yaml': 'services:\n  y: { image: y }\n',
    });
    const { project, messages } = load(dir);
    expect(project).toBeNull();
    expect(messages).toEqual([
      'compose.yaml:2:5: error: cannot read nope/compose.yaml: no such file',
      'compose.yaml:4:15: error: cannot read env file missing.env: no such file',
      'compose.yaml:5:5: error: found an include without "path", expected path: FILE or a list of files',
    ]);
  });
});

describe('parity config on a project with include and extends', () => {
  const dir = makeProject('combined', {
    ...SHOP,
    'compose.yaml': lines(
      'include:',
      '  - sub/compose.yaml',
      'services:',
      '  web:',
      '    extends: { file: common/web.yaml, service: web }',
      '    image: "web:${TAG:-none}"',
      '    depends_on: [api]',
      '  worker:',
      '    extends: api',
      '    command: ["work", "$$HOME"]',
    ),
    'common/web.yaml': lines(
      'services:',
      '  web:',
      '    build: ../web',
      '    env_file: web.env',
      '    ports: ["127.0.0.1:8080:80"]',
      '    healthcheck: { test: ["CMD", "true"], interval: 5s }',
    ),
    'common/web.env': 'GREETING=hello $$ world\n',
  });

  it('prints the included services with --json', async () => {
    const { code, out, err } = await config(['--project-directory', dir, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const project = JSON.parse(out) as {
      services: Record<string, Record<string, unknown>>;
      volumes: unknown;
      networks: unknown;
    };
    expect(Object.keys(project.services)).toEqual(['api', 'web', 'worker']);
    expect(project.services.api).toMatchObject({
      build: { context: join(dir, 'sub/api'), dockerfile: 'Dockerfile' },
      image: 'api:2.0',
      environment: { FROM_FILE: '2.0', SHARED: 'parent', TAG: 'main' },
    });
    expect(project.services.web).toMatchObject({
      build: { context: join(dir, 'web') },
      image: 'web:main',
      environment: { GREETING: 'hello $$ world' },
    });
    expect(project.services.worker).toMatchObject({
      build: { context: join(dir, 'sub/api') },
      command: ['work', '$$HOME'],
    });
    expect(project.volumes).toEqual({ 'api-data': { name: 'combined_api-data' } });
    expect(project.networks).toEqual({
      back: { name: 'combined_back' },
      default: { name: 'combined_default' },
    });
  });

  it('prints YAML that reads back as the same project', async () => {
    const first = await config(['--project-directory', dir, '-p', 'roundtrip']);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const copy = makeProject('copy', { 'compose.yaml': first.out });
    const second = await config(['--project-directory', copy, '-p', 'roundtrip']);
    expect(second.err).toBe('');
    expect(second.out).toBe(first.out);
  });
});
