import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/shared/settings';
import { PARITY_BIN, type CliRun } from '../support/cli';
import { websocketConnection } from '../support/connections';
import { useDockerContext, writeDockerContext } from '../support/docker-contexts';
import {
  connectTestEngine,
  removeProject,
  startLabelledContainer,
  TEST_IMAGE,
  uniqueProjectName,
} from '../support/engine';
import { makeProject } from '../support/project-dir';
import { freePort, startSocat, type Forwarder } from '../support/socat';
import { makeTestPki, type TestPki } from '../support/tls-certs';

// The engine these tests reach through forwarders; the CLI under test never sees it directly.
const ENGINE_SOCKET = '/var/run/docker.sock';
// Run in a mount namespace of its own with /dev/null over the engine's socket, the CLI can
// only find the engine through the endpoint the test gives it.
const HIDE_SOCKET = `mount --bind /dev/null ${ENGINE_SOCKET} && exec "$0" "$@"`;

/** Starts `parity serve` with the default socket hidden; resolves with its port and token. */
function serveHidden(
  env: NodeJS.ProcessEnv,
): Promise<{ port: number; token: string; stop: () => void }> {
  const child = spawn(
    'unshare',
    ['-m', 'sh', '-c', HIDE_SOCKET, process.execPath, PARITY_BIN, 'serve', '--port', '0'],
    { env },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /serving on http:\/\/127\.0\.0\.1:(\d+)\/#token=(\S+)/.exec(output);
      if (match?.[1] && match[2]) {
        resolve({ port: Number(match[1]), token: match[2], stop: () => child.kill('SIGTERM') });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => reject(new Error(`parity serve exited (${code}): ${output}`)));
  });
}

/** Runs `parity ARGS` with the default socket hidden from it. */
function runHidden(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'unshare',
      ['-m', 'sh', '-c', HIDE_SOCKET, process.execPath, PARITY_BIN, ...args],
      { env },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const root = mkdtempSync(join(tmpdir(), 'parity-endpoints-'));
// An empty home: no Docker Desktop, Colima or other socket of this machine's user is found.
const home = join(root, 'home');
mkdirSync(home);
const baseEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home };
const project = uniqueProjectName('parity-it-endpoint');
let docker: Docker;

beforeAll(async () => {
  docker = await connectTestEngine();
  // Fails here, loudly, where the socket cannot be hidden (not root, no mount namespaces).
  execFileSync('unshare', [
    '-m',
    'sh',
    '-c',
    `mount --bind /dev/null ${ENGINE_SOCKET} && test ! -S ${ENGINE_SOCKET}`,
  ]);
  await startLabelledContainer(docker, project, 'api');
});
afterAll(async () => {
  if (docker) await removeProject(docker, project);
  rmSync(root, { recursive: true, force: true });
});

function expectListed(run: CliRun): void {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(new RegExp(`^${project}\\s+api\\s+${project}-api-1`, 'm'));
}

describe('an engine behind a Docker context whose socket forwards to it', () => {
  const fwd = join(root, 'fwd.sock');
  const config = join(root, 'docker-config');
  let forwarder: Forwarder | undefined;
  beforeAll(async () => {
    forwarder = await startSocat(`UNIX-LISTEN:${fwd},fork`, `UNIX-CONNECT:${ENGINE_SOCKET}`, {
      socket: fwd,
    });
    writeDockerContext(config, 'fwd', `unix://${fwd}`);
  });
  afterAll(() => forwarder?.stop());

  it('is found by parity ps through the context made current', async () => {
    const hidden = await runHidden(['ps', '-a', '-p', project], {
      ...baseEnv,
      DOCKER_CONFIG: config,
    });
    // Without a current context there is nothing to find: the default socket is hidden.
    expect(hidden.code).toBe(1);
    expect(hidden.stderr).toContain(
      'cannot reach the Docker engine at unix:///var/run/docker.sock (the default socket)',
    );
    useDockerContext(config, 'fwd');
    expectListed(
      await runHidden(['ps', '-a', '-p', project], { ...baseEnv, DOCKER_CONFIG: config }),
    );
  });

  it('is found through --context, -H and DOCKER_CONTEXT, before or after the command', async () => {
    const other = join(root, 'other-config');
    writeDockerContext(other, 'fwd', `unix://${fwd}`);
    const env = { ...baseEnv, DOCKER_CONFIG: other };
    expectListed(await runHidden(['--context', 'fwd', 'ps', '-a', '-p', project], env));
    expectListed(await runHidden(['ps', '--context=fwd', '-a', '-p', project], env));
    expectListed(await runHidden(['-H', `unix://${fwd}`, 'ps', '-a', '-p', project], env));
    expectListed(await runHidden(['ps', '-a', '-p', project, '-H', `unix://${fwd}`], env));
    expectListed(await runHidden(['ps', '-a', '-p', project], { ...env, DOCKER_CONTEXT: 'fwd' }));
  });

  it('when gone, is named with its context in the same sentence by ps and up', async () => {
    await forwarder?.stop();
    const dir = makeProject(uniqueProjectName('parity-it-gone'), {
      'compose.yaml': `services:\n  api:\n    image: ${TEST_IMAGE}\n    command: [sleep, "60"]\n`,
    });
    const env = { ...baseEnv, DOCKER_CONFIG: config };
    const ps = await runHidden(['ps'], env);
    const up = await runHidden(['up', '-d', '--project-directory', dir], env);
    const sentence = new RegExp(
      `^cannot reach the Docker engine at unix://${fwd} \\(context "fwd"\\): (no Docker socket there|connection refused): is the engine running\\?\\n$`,
    );
    expect(ps.code).toBe(1);
    expect(up.code).toBe(1);
    expect(ps.stderr.replace(/^parity ps: /, '')).toMatch(sentence);
    expect(up.stderr.replace(/^parity up: /, '')).toBe(ps.stderr.replace(/^parity ps: /, ''));
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('an engine behind mutual TLS', () => {
  let pki: TestPki;
  let port: number;
  let forwarder: Forwarder | undefined;
  beforeAll(async () => {
    pki = makeTestPki(join(root, 'pki'));
    port = await freePort();
    forwarder = await startSocat(
      `OPENSSL-LISTEN:${port},bind=127.0.0.1,cert=${pki.serverCert},key=${pki.serverKey},cafile=${pki.caFile},verify=1,fork,reuseaddr`,
      `UNIX-CONNECT:${ENGINE_SOCKET}`,
      { port },
    );
  });
  afterAll(() => forwarder?.stop());

  const tlsEnv = (certPath: string): NodeJS.ProcessEnv => ({
    ...baseEnv,
    DOCKER_HOST: `tcp://127.0.0.1:${port}`,
    DOCKER_TLS_VERIFY: '1',
    DOCKER_CERT_PATH: certPath,
  });

  it('is reached with DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    expectListed(await runHidden(['ps', '-a', '-p', project], tlsEnv(pki.clientDir)));
  });

  it('is reached through a context holding the TLS files', async () => {
    const config = join(root, 'tls-config');
    writeDockerContext(config, 'secure', `tcp://127.0.0.1:${port}`, {
      tls: {
        ca: pki.read('ca.pem'),
        cert: pki.read('client-cert.pem'),
        key: pki.read('client-key.pem'),
      },
    });
    const env = { ...baseEnv, DOCKER_CONFIG: config };
    expectListed(await runHidden(['--context', 'secure', 'ps', '-a', '-p', project], env));
    // The same address without the context's files is refused, so the files were what worked.
    const bare = await runHidden(['-H', `tcp://127.0.0.1:${port}`, 'ps'], env);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain(
      `cannot reach the Docker engine at tcp://127.0.0.1:${port} (-H/--host)`,
    );
  });

  it("names the CA that refused the engine's certificate", async () => {
    const wrong = makeTestPki(join(root, 'wrong-pki'));
    const run = await runHidden(['ps'], tlsEnv(wrong.clientDir));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `parity ps: cannot reach the Docker engine at tcp://127.0.0.1:${port} (DOCKER_HOST): TLS: the engine's certificate was refused (self-signed certificate in certificate chain), checked against the CA in ${wrong.clientDir}/ca.pem\n`,
    );
  });

  it('names the client certificate the engine refused', async () => {
    const wrong = makeTestPki(join(root, 'stranger-pki'));
    const mixed = join(root, 'mixed-certs');
    mkdirSync(mixed);
    copyFileSync(join(pki.clientDir, 'ca.pem'), join(mixed, 'ca.pem'));
    copyFileSync(join(wrong.clientDir, 'cert.pem'), join(mixed, 'cert.pem'));
    copyFileSync(join(wrong.clientDir, 'key.pem'), join(mixed, 'key.pem'));
    const run = await runHidden(['ps'], tlsEnv(mixed));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `^parity ps: cannot reach the Docker engine at tcp://127\\.0\\.0\\.1:${port} \\(DOCKER_HOST\\): TLS: the engine refused the connection \\(tlsv1\\d* alert unknown ca\\): Parity's client certificate ${mixed}/cert\\.pem was not accepted\\n$`,
      ),
    );
  });
});

describe('the engine chosen in Settings', () => {
  it('is the one parity serve opens, a tcp:// address included, and the header says so', async () => {
    const port = await freePort();
    const forwarder = await startSocat(
      `TCP-LISTEN:${port},bind=127.0.0.1,fork,reuseaddr`,
      `UNIX-CONNECT:${ENGINE_SOCKET}`,
      { port },
    );
    const settingsFile = join(root, 'settings.json');
    writeFileSync(
      settingsFile,
      JSON.stringify({ ...defaultSettings(), engineEndpoint: `tcp://127.0.0.1:${port}` }),
    );
    const serve = await serveHidden({ ...baseEnv, PARITY_SETTINGS: settingsFile });
    const client = websocketConnection(serve.port, serve.token);
    try {
      expect(await client.api['engine.status']({})).toMatchObject({
        reachable: true,
        endpoint: `tcp://127.0.0.1:${port}`,
        source: 'chosen in Settings',
      });
      const list = await client.api['stacks.list']({});
      if (list.engine !== 'reachable') throw new Error(list.reason);
      expect(list.stacks.map((stack) => stack.project)).toContain(project);
      // Through the forwarder, not a socket of its own: without it the engine is gone.
      await forwarder.stop();
      // socat's forked child may still accept and close for a moment after its parent stops.
      await expect
        .poll(async () => await client.api['engine.status']({}), { timeout: 10_000 })
        .toMatchObject({
          reachable: false,
          endpoint: `tcp://127.0.0.1:${port}`,
          reason: 'connection refused: is the engine running?',
        });
    } finally {
      client.close();
      serve.stop();
      await forwarder.stop();
    }
  });
});
