import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParity } from '../support/cli';
import { connectTestEngine, uniqueProjectName } from '../support/engine';
import { lines, makeProject } from '../support/project-dir';

// The pattern of many real stacks (awesome-compose's *-mysql samples): a password file given
// as a secret, read by the service through a *_FILE setting and by its health check.

beforeAll(async () => {
  await connectTestEngine();
});

describe('secrets and configs on the real engine', () => {
  const name = uniqueProjectName('parity-it-secrets');
  const dir = makeProject('secrets', {
    'compose.yaml': lines(
      'services:',
      '  db:',
      '    image: busybox:1.37',
      '    command: [sh, -c, "test -s \\"$$DB_PASSWORD_FILE\\" && exec sleep 600"]',
      '    environment: [DB_PASSWORD_FILE=/run/secrets/db-password]',
      '    secrets: [db-password]',
      '    configs:',
      '      - source: server-conf',
      '        target: /etc/server.conf',
      '    healthcheck:',
      '      test: [CMD, sh, -c, "grep -q hunter2 /run/secrets/db-password"]',
      '      interval: 1s',
      '  worker:',
      '    image: busybox:1.37',
      '    user: "1000"',
      '    command: [sleep, "600"]',
      '    secrets: [api-token]',
      '    configs: [motd]',
      'secrets:',
      '  db-password:',
      '    file: db/password.txt',
      '  api-token:',
      '    environment: API_TOKEN',
      'configs:',
      '  server-conf:',
      '    file: server.conf',
      '  motd:',
      '    content: welcome',
    ),
    'db/password.txt': 'hunter2\n',
    'server.conf': 'port 3306\n',
  });
  const cli = (...args: string[]) =>
    runParity([...args, '--project-directory', dir, '-p', name], {
      ...process.env,
      API_TOKEN: 'tok-123',
    });
  const exec = (script: string, service = 'db') =>
    execFileSync('docker', ['exec', `${name}-${service}-1`, 'sh', '-c', script], {
      encoding: 'utf8',
    });
  afterAll(() => cli('down', '-t', '0'));

  it('starts the service, which becomes healthy reading its secret', async () => {
    const run = await cli('up', '--wait');
    expect(run.stderr).toMatch(/db +healthy/);
    expect(run.stderr).not.toMatch(/warning|not applied/);
    expect(run.code).toBe(0);
    expect(exec('cat /run/secrets/db-password; cat /etc/server.conf')).toBe('hunter2\nport 3306\n');
  });

  it('writes a variable’s secret and an inline config, readable by the container’s user', () => {
    expect(exec('id -u; cat /run/secrets/api-token; echo; cat /motd', 'worker')).toBe(
      '1000\ntok-123\nwelcome',
    );
    expect(exec('stat -c %a /run/secrets/api-token /motd', 'worker')).toBe('400\n444\n');
  });

  it('mounts them read-only', () => {
    expect(exec('echo x > /run/secrets/db-password 2>&1 || echo refused')).toMatch(
      /Read-only file system|refused/,
    );
    expect(exec('cat /run/secrets/db-password')).toBe('hunter2\n');
  });

  it('prints them in parity config', async () => {
    const run = await cli('config');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('target: /run/secrets/db-password');
    expect(run.stdout).toContain('environment: API_TOKEN');
    expect(run.stdout).not.toContain('tok-123');
    expect(run.stdout).toMatch(
      /server-conf:\n\s+name: parity-it-secrets-\w+_server-conf\n\s+file: /,
    );
  });
});
