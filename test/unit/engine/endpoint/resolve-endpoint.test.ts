import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeSource } from '../../../../src/main/engine/endpoint/engine-target';
import {
  resolveEngineTarget,
  type EndpointInputs,
} from '../../../../src/main/engine/endpoint/resolve-endpoint';
import { useDockerContext, writeDockerContext } from '../../../support/docker-contexts';

let home: string;
let config: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'parity-endpoint-'));
  config = join(home, '.docker');
  writeDockerContext(config, 'colima', 'unix:///colima/docker.sock');
  writeDockerContext(config, 'remote', 'ssh://deploy@build-box:2222');
  writeDockerContext(config, 'secure', 'tcp://engine.example:2376', {
    tls: { ca: 'CA PEM', cert: 'CERT PEM', key: 'KEY PEM' },
  });
  writeDockerContext(config, 'loose', 'tcp://engine.example', { skipTlsVerify: true });
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function resolve(overrides: Partial<EndpointInputs> = {}) {
  return resolveEngineTarget({
    env: {},
    home,
    platform: 'linux',
    exists: () => false,
    ...overrides,
  });
}

describe('which engine Parity talks to', () => {
  it('follows the docker CLI: flags, DOCKER_HOST, DOCKER_CONTEXT, Settings, current context, default', () => {
    useDockerContext(config, 'colima');
    const env = { DOCKER_HOST: 'tcp://10.0.0.5:2375', DOCKER_CONTEXT: 'remote' };
    const all = { env, flags: { context: 'secure' }, settings: 'unix:///settings.sock' };
    expect(resolve(all).endpoint).toBe('tcp://engine.example:2376');
    expect(resolve({ ...all, flags: { host: 'unix:///flag.sock' } }).endpoint).toBe(
      'unix:///flag.sock',
    );
    expect(resolve({ ...all, flags: {} }).endpoint).toBe('tcp://10.0.0.5:2375');
    const noHost = { env: { DOCKER_CONTEXT: 'remote' }, settings: 'unix:///settings.sock' };
    expect(resolve(noHost).endpoint).toBe('ssh://deploy@build-box:2222');
    expect(resolve({ settings: 'unix:///settings.sock' }).endpoint).toBe('unix:///settings.sock');
    expect(resolve({ settings: 'secure' }).source).toEqual({
      kind: 'context',
      context: 'secure',
      via: 'settings',
    });
    const current = resolve();
    expect(current.endpoint).toBe('unix:///colima/docker.sock');
    expect(describeSource(current.source)).toBe('context "colima"');
    useDockerContext(config, 'default');
    expect(resolve().endpoint).toBe('unix:///var/run/docker.sock');
  });

  it('reads the context store at DOCKER_CONFIG when set', () => {
    const other = join(home, 'elsewhere');
    writeDockerContext(other, 'colima', 'unix:///other/colima.sock');
    useDockerContext(other, 'colima');
    expect(resolve({ env: { DOCKER_CONFIG: other } }).endpoint).toBe('unix:///other/colima.sock');
  });

  it('takes "default" as no context: DOCKER_HOST, else the local socket', () => {
    expect(resolve({ flags: { context: 'default' } }).endpoint).toBe('unix:///var/run/docker.sock');
    const env = { DOCKER_HOST: 'unix:///env.sock', DOCKER_CONTEXT: 'default' };
    expect(resolve({ env, flags: { context: 'default' } }).endpoint).toBe('unix:///env.sock');
  });

  it("uses a context's TLS files, or skips verifying when it says so", () => {
    const secure = resolve({ flags: { context: 'secure' } });
    expect(secure.tls?.verify).toBe(true);
    expect(secure.tls?.ca?.pem).toBe('CA PEM');
    expect(secure.tls?.cert?.path).toMatch(/contexts\/tls\/[0-9a-f]{64}\/docker\/cert\.pem$/);
    const loose = resolve({ flags: { context: 'loose' } });
    expect(loose.endpoint).toBe('tcp://engine.example:2376');
    expect(loose.tls).toEqual({ verify: false, ca: null, cert: null, key: null });
    expect(resolve({ flags: { context: 'colima' } }).tls).toBeNull();
  });

  it('takes TLS for DOCKER_HOST from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', () => {
    const certs = join(home, 'certs');
    mkdirSync(certs);
    writeFileSync(join(certs, 'ca.pem'), 'MY CA');
    const env = {
      DOCKER_HOST: 'tcp://127.0.0.1',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: certs,
    };
    const target = resolve({ env });
    expect(target.endpoint).toBe('tcp://127.0.0.1:2376');
    expect(target.tls).toMatchObject({ verify: true, ca: { pem: 'MY CA' }, cert: null });
    expect(resolve({ env: { DOCKER_HOST: 'tcp://127.0.0.1' } }).endpoint).toBe(
      'tcp://127.0.0.1:2375',
    );
    expect(resolve({ env: { DOCKER_HOST: '127.0.0.1:1234' } }).endpoint).toBe(
      'tcp://127.0.0.1:1234',
    );
  });

  it('says which context is missing and where it looked', () => {
    expect(() => resolve({ env: { DOCKER_CONTEXT: 'nope' } })).toThrow(
      `Docker context "nope" (from DOCKER_CONTEXT) does not exist in ${config}/contexts`,
    );
    expect(() => resolve({ flags: { context: 'colima', host: 'unix:///x' } })).toThrow(
      'conflicting options',
    );
  });

  it('names the file and what was expected when the config or a context is malformed', () => {
    writeFileSync(join(config, 'config.json'), '{"currentContext": ');
    expect(() => resolve()).toThrow(`${join(config, 'config.json')} is not valid JSON`);
    writeFileSync(join(config, 'config.json'), '{"currentContext": 7}');
    expect(() => resolve()).toThrow('"currentContext" should be a context name');
    writeFileSync(join(config, 'config.json'), 'x'.repeat(1024 * 1024 + 1));
    expect(() => resolve()).toThrow(/config\.json is 1048577 bytes; Parity reads at most 1048576/);
    writeDockerContext(config, 'bare', 'unix:///bare.sock');
    const meta = resolve({ flags: { context: 'colima' } });
    expect(meta.endpoint).toBe('unix:///colima/docker.sock');
    writeDockerContext(config, 'odd', 'ftp://nowhere');
    expect(() => resolve({ flags: { context: 'odd' } })).toThrow(
      /meta\.json Endpoints\.docker\.Host is "ftp:\/\/nowhere": unsupported scheme ftp:\/\//,
    );
  });

  it('refuses a DOCKER_HOST it cannot read, saying what it expected', () => {
    expect(() => resolve({ env: { DOCKER_HOST: 'unix://' } })).toThrow(
      'DOCKER_HOST is "unix://": no path after the scheme (expected unix:///path',
    );
    expect(() => resolve({ env: { DOCKER_HOST: 'tcp://host/path' } })).toThrow(
      'a path is not supported',
    );
  });
});
