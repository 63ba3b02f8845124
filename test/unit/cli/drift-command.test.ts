import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/run-cli';
import { makeProject } from '../../support/project-dir';

async function drift(dir: string, ...args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(['drift', '--project-directory', dir, ...args], {
    out: (text) => (out += text),
    err: (text) => (err += text),
    env: {},
  });
  return { code, out, err };
}

const dir = makeProject('gate', {
  'compose.yaml':
    'services:\n  db:\n    image: postgres:15\n    environment: { DB_TOKEN: laptop }\n',
  'compose.prod.yaml':
    'services:\n  db:\n    image: postgres:16\n    environment: { DB_TOKEN: server }\n',
  'parity.yaml': 'production:\n  - compose: compose.prod.yaml\n',
});

describe('parity drift', () => {
  it('lists each difference with both values and positions, secrets masked', async () => {
    const { code, out } = await drift(dir);
    expect(code).toBe(0);
    expect(out).toContain('✘ error   image.tag');
    expect(out).toContain('dev   15  (compose.yaml:3:12)');
    expect(out).toContain('prod  16  (compose.prod.yaml:3:12)');
    expect(out).toContain('dev   differs');
    expect(out).not.toContain('laptop');
    expect(out).not.toContain('server');
    expect(out).toMatch(/1 errors, 1 warnings, 0 info/);
  });

  it('fails a CI gate at the chosen severity', async () => {
    expect((await drift(dir, '--fail-on', 'error')).code).toBe(1);
    const relaxed = makeProject('relaxed', {
      'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    environment: { LOG: debug }\n',
      'compose.prod.yaml':
        'services:\n  db:\n    image: postgres:16\n    environment: { LOG: info }\n',
      'parity.yaml': 'production:\n  - compose: compose.prod.yaml\n',
    });
    expect((await drift(relaxed, '--fail-on', 'error')).code).toBe(0);
    expect((await drift(relaxed, '--fail-on', 'warning')).code).toBe(1);
  });

  it('prints the report as JSON', async () => {
    const report = JSON.parse((await drift(dir, '--json')).out) as { findings: { path: string }[] };
    expect(report.findings.map((f) => f.path).sort()).toEqual(['env.DB_TOKEN', 'image.tag']);
  });

  it('says what is missing when parity.yaml names no production source', async () => {
    const bare = makeProject('bare', { 'compose.yaml': 'services:\n  a: { image: x }\n' });
    const { code, err } = await drift(bare);
    expect(code).toBe(2);
    expect(err).toContain('names no production source');
  });
});
