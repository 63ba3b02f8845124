import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParity } from '../support/cli';
import { connectTestEngine, removeProject, uniqueProjectName } from '../support/engine';

// `parity mirror` on a project of its own (test/fixtures/mirror): a laptop stack whose
// production manifests run other env values, a Secret, limits and requests, a read-only root,
// capabilities and replicas. Run as a user runs it, on a copy of the fixture.
const FIXTURE = new URL('../fixtures/mirror', import.meta.url).pathname;
const SECRET = 'production-secret-value';

function copyFixture(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'parity-mirror-')), 'shop');
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe('parity mirror', () => {
  const dir = copyFixture();
  const composeBefore = readFileSync(join(dir, 'compose.yaml'));
  let written = '';
  let stdout = '';

  beforeAll(async () => {
    const run = await runParity(['mirror', '--project-directory', dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    stdout = run.stdout;
    written = readFileSync(join(dir, 'compose.mirror.yaml'), 'utf8');
  });

  it('writes compose.mirror.yaml with production values, each naming its file and line', () => {
    expect(stdout).toMatch(/^Wrote .*compose\.mirror\.yaml: \d+ production values for 2 services/);
    expect(written).toContain('LOG_LEVEL: "info"  # deploy/api.yaml:15');
    expect(written).toContain('FEATURE_SEARCH: "on"  # deploy/api.yaml:19');
    expect(written).toMatch(/memory: "128m" {2}# deploy\/api\.yaml:24/);
    expect(written).toContain('read_only: true  # deploy/api.yaml:26');
    expect(written).toContain('replicas: 2  # deploy/api.yaml:5');
  });

  it('adds the service only production runs, with its command, ports and exec probe', () => {
    expect(written).toMatch(
      /\n {2}search:\n {4}image: "busybox:1\.37" {2}# deploy\/api\.yaml:\d+\n/,
    );
    expect(written).toContain('command: ["sleep 3600"]');
    expect(written).toContain('expose: ["9200"]');
    expect(written).toContain('test: ["CMD", "sh", "-c", "test -d /"]');
    expect(written).toMatch(/interval: "2s"/);
    expect(written).toMatch(/catalog healthcheck: production probes with HTTP/);
  });

  it('mounts what production mounts: emptyDirs, claims as named volumes, ConfigMaps as files', () => {
    expect(written).toContain('tmpfs: ["/var/cache/api"]');
    expect(written).toContain(
      'volumes: ["/scratch", "api-uploads:/uploads", "./.parity/mirror/api/config:/etc/api:ro", "./.parity/mirror/api/config-items:/etc/api-items:ro", "./.parity/mirror/api/config/motd:/etc/motd:ro"]',
    );
    expect(written).toMatch(/\nvolumes:\n {2}api-uploads: \{\} {2}# deploy\/api\.yaml:\d+\n/);
    expect(written).toMatch(/# +api volumes\.\/etc\/tls: secret: not copied/);
    const files = join(dir, '.parity', 'mirror');
    expect(readFileSync(join(files, 'api/config/app.conf'), 'utf8')).toBe(
      'listen = 8080\ncatalog = http://catalog.shop.svc/v1\n',
    );
    expect([...readFileSync(join(files, 'api/config/logo.bin'))]).toEqual([0, 1, 2, 255]);
    expect(statSync(join(files, 'api/config/motd')).mode & 0o777).toBe(0o640);
    expect(statSync(join(files, 'api/config-items/conf/app.conf')).mode & 0o777).toBe(0o400);
    expect(readdirSync(join(files, 'api/config-items'))).toEqual(['conf']);
    expect(readFileSync(join(files, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(existsSync(join(files, 'api/tls'))).toBe(false);
  });

  it("rewrites production's service address to the laptop's service and container port", () => {
    expect(written).toContain('CATALOG_URL: "http://catalog:8080/v1"');
  });

  it('copies no secret and points the laptop at no host outside its stack', () => {
    for (const text of [written, stdout]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('prod-url-password');
      expect(text).not.toContain('production-tls-secret');
    }
    expect(written).toMatch(/# +api environment\.ORDERS_URL: credentials inside a URL/);
    expect(written).toMatch(/# +api environment\.DB_PASSWORD: secret: not copied/);
    expect(written).not.toMatch(/^\s+PAYMENTS_URL:/m);
    expect(written).toMatch(/# +api environment\.PAYMENTS_URL: names payments\.example\.com/);
  });

  it('keeps a service built from source and one with a fixed container name as they are', () => {
    expect(written).toMatch(/catalog image: built from source on the laptop/);
    expect(written).toMatch(/catalog replicas: container_name .* names one container only/);
    expect(written).not.toContain('registry.example.com');
  });

  it('never changes compose.yaml', () => {
    expect(readFileSync(join(dir, 'compose.yaml')).equals(composeBefore)).toBe(true);
  });

  it('is read by `parity config --mirror`, the laptop keeping its own secret', async () => {
    const run = await runParity(['config', '--mirror', '--json', '--project-directory', dir]);
    expect(run.code).toBe(0);
    const config = JSON.parse(run.stdout) as {
      services: Record<string, { environment: Record<string, string>; read_only?: boolean }>;
    };
    expect(config.services.api?.environment.LOG_LEVEL).toBe('info');
    expect(config.services.api?.environment.DB_PASSWORD).toBe('laptop-only');
    expect(config.services.api?.read_only).toBe(true);
  });

  it('leaves `parity drift --mirror` with only what could not be mirrored', async () => {
    const args = ['drift', '--mirror', '--format', 'json', '--project-directory', dir];
    const run = await runParity(args);
    const report = JSON.parse(run.stdout) as {
      findings: { service: string; path: string; status: string }[];
    };
    const open = report.findings
      .filter((f) => f.status === 'drift')
      .map((f) => `${f.service}.${f.path}`);
    // Mirrored: gone from the report.
    for (const mirrored of [
      'api.env.LOG_LEVEL',
      'api.env.FEATURE_SEARCH',
      'api.env.CATALOG_URL',
      'api.resources.memory',
      'api.resources.requests.cpus',
      'api.read_only',
      'api.cap_drop',
      'api.replicas',
    ]) {
      expect(open).not.toContain(mirrored);
    }
    // Not mirrored, each listed in the override with its reason: still drift.
    expect(open).toEqual(
      expect.arrayContaining(['api.env.PAYMENTS_URL', 'api.env.ORDERS_URL', 'catalog.replicas']),
    );
    expect(run.stdout).not.toContain(SECRET);
  });

  it('is a Compose override docker-compose accepts with compose.yaml', () => {
    const run = spawnSync(
      'docker-compose',
      ['-f', 'compose.yaml', '-f', 'compose.mirror.yaml', 'config', '-q'],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(run.error).toBeUndefined();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('prints the override without writing it with --dry-run', async () => {
    const other = copyFixture();
    const run = await runParity(['mirror', '--dry-run', '--project-directory', other]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('LOG_LEVEL: "info"');
    expect(() => readFileSync(join(other, 'compose.mirror.yaml'))).toThrow(/ENOENT/);
  });

  it('refuses to write through a committed symlink, leaving its target as it was', async () => {
    const other = copyFixture();
    const victim = join(other, '..', 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    symlinkSync(victim, join(other, 'compose.mirror.yaml'));
    const run = await runParity(['mirror', '--project-directory', other]);
    expect(run.stderr).toMatch(/cannot write .*compose\.mirror\.yaml: .*symbolic link/);
    expect(run.code).toBe(2);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
  });

  it('writes no ConfigMap file through a committed .parity link', async () => {
    const other = copyFixture();
    const outside = join(other, '..', 'outside');
    mkdirSync(outside);
    symlinkSync(outside, join(other, '.parity'));
    const run = await runParity(['mirror', '--project-directory', other]);
    expect(run.stderr).toMatch(/cannot write .*\.parity is a symbolic link/);
    expect(run.code).toBe(2);
    expect(readdirSync(outside)).toEqual([]);
  });

  it("follows parity.yaml's mirror settings: exclude, images", async () => {
    const other = copyFixture();
    const settings =
      'mirror:\n  images: true\n  exclude: ["api.env.FEATURE_SEARCH", "*.replicas"]\n';
    writeFileSync(join(other, 'parity.yaml'), `production:\n  - kubernetes: deploy\n${settings}`);
    const run = await runParity(['mirror', '--dry-run', '--project-directory', other]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/^\s+FEATURE_SEARCH:/m);
    expect(run.stdout).toMatch(/# +api environment\.FEATURE_SEARCH: excluded by parity\.yaml/);
    expect(run.stdout).not.toMatch(/^\s+replicas:/m);
    expect(run.stdout).toContain('image: "registry.example.com/shop/catalog:2.4.1"');
  });

  it('points at a bad mirror setting in parity.yaml', async () => {
    const other = copyFixture();
    writeFileSync(
      join(other, 'parity.yaml'),
      'production:\n  - kubernetes: deploy\nmirror:\n  maxReplicas: 0\n',
    );
    const run = await runParity(['mirror', '--project-directory', other]);
    expect(run.stderr).toMatch(/^parity\.yaml:4:16: error: .*expected at least 1 container/m);
    expect(run.code).toBe(2);
  });

  it('says to run `parity mirror` first when --mirror finds no override', async () => {
    const run = await runParity(['config', '--mirror', '--project-directory', copyFixture()]);
    expect(run.stderr).toMatch(/found no compose\.mirror\.yaml .*run it first/);
    expect(run.code).toBe(2);
  });
});

describe('parity up --mirror on the engine', () => {
  const dir = copyFixture();
  const project = uniqueProjectName('mirror');
  const env = { ...process.env, CATALOG_CONTAINER: `${project}-catalog` };
  let docker: Docker;

  beforeAll(async () => {
    docker = await connectTestEngine();
    const mirror = await runParity(['mirror', '--project-directory', dir], env);
    expect(mirror.code).toBe(0);
  });
  afterAll(async () => {
    await removeProject(docker, project);
  });

  it("runs the containers with production's values", async () => {
    const args = ['up', '--mirror', '--wait', '-p', project, '--project-directory', dir];
    const up = await runParity(args, env);
    expect(up.stderr).not.toMatch(/error/i);
    expect(up.code).toBe(0);
    const listed = await docker.listContainers({
      all: true,
      filters: {
        label: [`com.docker.compose.project=${project}`, 'com.docker.compose.service=api'],
      },
    });
    expect(listed).toHaveLength(2);
    for (const summary of listed) {
      const info = await docker.getContainer(summary.Id).inspect();
      expect(info.State.Running).toBe(true);
      expect(info.Config.Env).toContain('LOG_LEVEL=info');
      expect(info.Config.Env).toContain('CATALOG_URL=http://catalog:8080/v1');
      expect(info.Config.Env).toContain('DB_PASSWORD=laptop-only');
      expect(info.Config.Env.join('\n')).not.toContain(SECRET);
      expect(info.HostConfig.ReadonlyRootfs).toBe(true);
      expect(info.HostConfig.CapDrop).toEqual(['ALL']);
      expect(info.HostConfig.CapAdd).toEqual(['NET_BIND_SERVICE']);
      expect(info.HostConfig.Memory).toBe(128 * 2 ** 20);
      expect(info.HostConfig.NanoCpus).toBe(0.5e9);
      expect(Object.keys(info.HostConfig.Tmpfs ?? {})).toContain('/var/cache/api');
      const uploads = info.Mounts.find((m) => m.Destination === '/uploads');
      expect(uploads?.Name).toBe(`${project}_api-uploads`);
      // Production's ConfigMap, read inside the container through the engine.
      const container = docker.getContainer(summary.Id);
      expect(await execText(docker, container, ['cat', '/etc/api/app.conf'])).toBe(
        'listen = 8080\ncatalog = http://catalog.shop.svc/v1\n',
      );
      expect(await execText(docker, container, ['cat', '/etc/motd'])).toBe('production says hello');
      expect(await execText(docker, container, ['cat', '/etc/api-items/conf/app.conf'])).toMatch(
        /^listen = 8080\n/,
      );
      expect(await execText(docker, container, ['ls', '/etc/tls'])).toMatch(/No such file/);
      const config = info.Mounts.find((m) => m.Destination === '/etc/api');
      expect(config?.RW).toBe(false);
    }
    const search = await docker.listContainers({
      filters: {
        label: [`com.docker.compose.project=${project}`, 'com.docker.compose.service=search'],
      },
    });
    expect(search).toHaveLength(1);
    const info = await docker.getContainer(search[0]?.Id ?? '').inspect();
    expect(info.Config.Healthcheck?.Test).toEqual(['CMD', 'sh', '-c', 'test -d /']);
    expect(info.State.Health?.Status).toBe('healthy');
    expect(info.Config.Env).toContain('CATALOG_URL=http://catalog:8080/v1');
  });
});

// What a command prints in a running container (stdout and stderr), through the engine's exec.
async function execText(
  docker: Docker,
  container: Docker.Container,
  cmd: string[],
): Promise<string> {
  const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  docker.modem.demuxStream(stream, sink, sink);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  return Buffer.concat(chunks).toString('utf8');
}
