import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../../support/project-dir';
import { runCliCaptured } from '../../support/cli';
import { CORPORA, CORPORA_PRESENT, warnWithoutCorpora } from '../../support/corpora';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SHOP = join(ROOT, 'examples/shop');

async function config(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCliCaptured(['config', ...args], env);
}

describe('parity config', () => {
  it('prints the shop project in the canonical shape of docker compose config --format json', async () => {
    const { code, out, err } = await config(['--project-directory', SHOP, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const project = JSON.parse(out) as {
      name: string;
      services: Record<string, Record<string, unknown>>;
      volumes: unknown;
    };
    expect(project.name).toBe('shop');
    expect(Object.keys(project.services)).toEqual(['api', 'web', 'worker']);
    expect(project.services.api?.healthcheck).toEqual({
      test: ['CMD', 'wget', '-q', '-O', '-', 'http://127.0.0.1:8081/cgi-bin/health'],
      timeout: '2s',
      interval: '2s',
      retries: 10,
      start_period: '1s',
    });
    expect(project.services.web?.ports).toEqual([
      { mode: 'ingress', host_ip: '127.0.0.1', target: 8080, published: '18080', protocol: 'tcp' },
    ]);
    // A literal $ is printed escaped, so the output reads back as the same project.
    expect(JSON.stringify(project.services.worker?.command)).toContain('$$API_URL');
    expect(project.volumes).toEqual({ 'worker-data': { name: 'shop_worker-data' } });
  });

  // The corpora's projects when they sit beside the repository (test/support/corpora.ts).
  warnWithoutCorpora('the round trip of the corpora projects through parity config');
  it.each([
    ['examples/shop', SHOP],
    ...(CORPORA_PRESENT
      ? [
          ['example-voting-app', join(CORPORA, 'example-voting-app')],
          ['sock-shop', join(CORPORA, 'sock-shop/deploy/docker-compose')],
        ]
      : []),
  ])('%s: its YAML output reads back as the same project', async (_name, dir) => {
    const first = await config(['--project-directory', dir, '-p', 'roundtrip']);
    expect(first.code).toBe(0);
    const copy = makeProject('copy', { 'compose.yaml': first.out });
    const second = await config(['--project-directory', copy, '-p', 'roundtrip']);
    expect(second.out).toBe(first.out);
  });

  it('reads -f files in order, with --profile and --env-file', async () => {
    const dir = makeProject('flags', {
      'base.yaml':
        'services:\n  app:\n    image: "app:${TAG}"\n  debug:\n    image: busybox\n    profiles: [debug]\n',
      'extra.yaml': 'services:\n  app:\n    environment: [MODE=extra]\n',
      'ci.env': 'TAG=ci-42\n',
    });
    const { code, out } = await config([
      '--project-directory',
      dir,
      '-f',
      join(dir, 'base.yaml'),
      '-f',
      join(dir, 'extra.yaml'),
      '--profile',
      'debug',
      '--env-file',
      join(dir, 'ci.env'),
      '--json',
    ]);
    expect(code).toBe(0);
    const project = JSON.parse(out) as {
      services: Record<string, { image?: string; environment?: unknown }>;
    };
    expect(Object.keys(project.services)).toEqual(['app', 'debug']);
    expect(project.services.app).toMatchObject({
      image: 'app:ci-42',
      environment: { MODE: 'extra' },
    });
  });

  it('exits 2 and lists every problem as file:line:col on bad input', async () => {
    const dir = makeProject('broken', {
      'compose.yaml':
        'services:\n  web:\n    image: nginx\n    ports: ["http:80"]\n    mem_limit: lots\n',
    });
    writeFileSync(
      join(dir, 'parity.yaml'),
      'name: Web Shop\nactions: [{ name: x, service: web }]\n',
    );
    const { code, out, err } = await config(['--project-directory', dir]);
    expect(code).toBe(2);
    expect(out).toBe('');
    const lines = err.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^parity\.yaml:1:7: error: name: /),
        expect.stringMatching(/^parity\.yaml:2:\d+: error: actions\.0/),
        expect.stringMatching(/^compose\.yaml:4:13: error: found "http"/),
        expect.stringMatching(/^compose\.yaml:5:16: error: found "lots"/),
      ]),
    );
  });
});
