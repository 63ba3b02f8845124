import { describe, expect, it } from 'vitest';
import { toComposeConfig } from '../../../src/main/config/compose-output';
import { loadProject } from '../../../src/main/config/load-project';
import { containerSpec } from '../../../src/main/engine/container-spec';
import { lines, makeProject } from '../../support/project-dir';

function load(files: Record<string, string>) {
  const dir = makeProject('demo', files);
  return { dir, ...loadProject({ dir, projectName: 'demo', env: {} }) };
}

describe('secrets and configs from files', () => {
  const compose = lines(
    'services:',
    '  db:',
    '    image: busybox:1.37',
    '    environment: [MYSQL_ROOT_PASSWORD_FILE=/run/secrets/db-password]',
    '    secrets:',
    '      - db-password',
    '      - source: api-key',
    '        target: keys/api',
    '    configs:',
    '      - my-cnf',
    '      - source: my-cnf',
    '        target: /etc/mysql/my.cnf',
    'secrets:',
    '  db-password:',
    '    file: db/password.txt',
    '  api-key:',
    '    file: ./api.key',
    'configs:',
    '  my-cnf:',
    '    file: conf/my.cnf',
  );
  const files = {
    'compose.yaml': compose,
    'db/password.txt': 'hunter2\n',
    'api.key': 'k\n',
    'conf/my.cnf': '[mysqld]\n',
  };

  it('mounts each file read-only where Compose puts it', () => {
    const { dir, project, diagnostics } = load(files);
    expect(diagnostics).toEqual([]);
    const spec = containerSpec(project!, project!.model.services.db!, 1);
    expect(spec.HostConfig?.Mounts).toEqual([
      {
        Type: 'bind',
        Source: `${dir}/db/password.txt`,
        Target: '/run/secrets/db-password',
        ReadOnly: true,
      },
      { Type: 'bind', Source: `${dir}/api.key`, Target: '/run/secrets/keys/api', ReadOnly: true },
      { Type: 'bind', Source: `${dir}/conf/my.cnf`, Target: '/my-cnf', ReadOnly: true },
      { Type: 'bind', Source: `${dir}/conf/my.cnf`, Target: '/etc/mysql/my.cnf', ReadOnly: true },
    ]);
  });

  it('prints them in parity config, top level and per service', () => {
    const { dir, project } = load(files);
    const config = toComposeConfig(project!.model) as Record<string, Record<string, unknown>>;
    expect(config.secrets).toEqual({
      'api-key': { name: 'demo_api-key', file: `${dir}/api.key` },
      'db-password': { name: 'demo_db-password', file: `${dir}/db/password.txt` },
    });
    expect(config.configs).toEqual({
      'my-cnf': { name: 'demo_my-cnf', file: `${dir}/conf/my.cnf` },
    });
    const db = (config.services as Record<string, Record<string, unknown>>).db!;
    expect(db.secrets).toEqual([
      { source: 'db-password', target: '/run/secrets/db-password' },
      { source: 'api-key', target: '/run/secrets/keys/api' },
    ]);
  });

  it('takes an override file’s entry at the same target, and its own definitions', () => {
    const { dir, project } = load({
      ...files,
      'compose.override.yaml': lines(
        'services:',
        '  db:',
        '    secrets:',
        '      - source: other',
        '        target: db-password',
        'secrets:',
        '  other:',
        '    file: other.txt',
      ),
      'other.txt': 'x\n',
    });
    const mounts = project!.model.services.db!.fileMounts!.map(({ value }) => [
      value.target,
      value.file,
    ]);
    expect(mounts).toContainEqual(['/run/secrets/db-password', `${dir}/other.txt`]);
    expect(mounts.filter(([target]) => target === '/run/secrets/db-password')).toHaveLength(1);
  });

  it('says which secret is not defined, at the service’s line, and refuses the project', () => {
    const { project, diagnostics } = load({
      'compose.yaml': lines('services:', '  db:', '    image: busybox:1.37', '    secrets: [nope]'),
    });
    expect(project).toBeNull();
    expect(diagnostics.map((d) => [d.severity, d.position?.line, d.message])).toEqual([
      [
        'error',
        4,
        'service "db" uses secret "nope", which is not defined in the top-level secrets',
      ],
    ]);
  });

  it('warns of a missing file and of an unset variable, once each', () => {
    const { project, diagnostics } = load({
      'compose.yaml': lines(
        'services:',
        '  a:',
        '    image: busybox:1.37',
        '    secrets: [token, gone]',
        '  b:',
        '    image: busybox:1.37',
        '    secrets: [token, gone]',
        'secrets:',
        '  token:',
        '    environment: GH_TOKEN',
        '  gone:',
        '    file: missing.txt',
      ),
    });
    expect(project).not.toBeNull();
    expect(diagnostics.map((d) => [d.severity, d.position?.line, d.message])).toEqual([
      [
        'warning',
        9,
        'secrets.token takes its value from GH_TOKEN, which is not set: "a" starts without it',
      ],
      [
        'warning',
        12,
        'secret file of secrets.gone does not exist: the engine will refuse to start "a"',
      ],
    ]);
    expect(project!.model.services.b!.fileMounts?.map(({ value }) => value.name)).toEqual(['gone']);
  });

  it('takes a secret from a variable and a config written inline, never printing the secret', () => {
    const dir = makeProject('demo', {
      'compose.yaml': lines(
        'services:',
        '  app:',
        '    image: busybox:1.37',
        '    secrets: [token]',
        '    configs: [motd]',
        'secrets:',
        '  token:',
        '    environment: GH_TOKEN',
        'configs:',
        '  motd:',
        '    content: hello',
      ),
    });
    const { project, diagnostics } = loadProject({
      dir,
      projectName: 'demo',
      env: { GH_TOKEN: 'ghp_s3cret' },
    });
    expect(diagnostics).toEqual([]);
    const mounts = project!.model.services.app!.fileMounts!.map(({ value }) => value);
    expect(mounts).toEqual([
      {
        kind: 'secret',
        name: 'token',
        target: '/run/secrets/token',
        file: null,
        content: { value: 'ghp_s3cret', from: { environment: 'GH_TOKEN' } },
      },
      {
        kind: 'config',
        name: 'motd',
        target: '/motd',
        file: null,
        content: { value: 'hello', from: { content: true } },
      },
    ]);
    // Not mounted: written into the container before it starts.
    expect(containerSpec(project!, project!.model.services.app!, 1).HostConfig?.Mounts).toEqual([]);
    const config = toComposeConfig(project!.model);
    expect(config.secrets).toEqual({ token: { name: 'demo_token', environment: 'GH_TOKEN' } });
    expect(config.configs).toEqual({ motd: { name: 'demo_motd', content: 'hello' } });
    expect(JSON.stringify(config)).not.toContain('ghp_s3cret');
  });

  it('reads the definitions of an included project from its own folder', () => {
    const { dir, project, diagnostics } = load({
      'compose.yaml': lines('include: [lib/compose.yaml]'),
      'lib/compose.yaml': lines(
        'services:',
        '  cache:',
        '    image: busybox:1.37',
        '    secrets: [pw]',
        'secrets:',
        '  pw:',
        '    file: pw.txt',
      ),
      'lib/pw.txt': 'x\n',
    });
    expect(diagnostics).toEqual([]);
    expect(project!.model.services.cache!.fileMounts?.[0]?.value.file).toBe(`${dir}/lib/pw.txt`);
  });
});
