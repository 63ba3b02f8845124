import { afterEach, describe, expect, it } from 'vitest';
import {
  createDockerClient,
  dockerodeOptions,
} from '../../../../src/main/engine/endpoint/docker-client';
import { engineTarget } from '../../../../src/main/engine/endpoint/engine-target';
import { parseEndpoint } from '../../../../src/main/engine/endpoint/parse-endpoint';

// What docker-modem would dial: the fields its dial() reads.
interface ModemView {
  socketPath?: unknown;
  host?: string;
  port?: number | string;
  protocol?: string;
  ca?: unknown;
  cert?: unknown;
}

const saved = { ...process.env };
afterEach(() => {
  for (const name of ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

function modemFor(address: string, tls = false): ModemView {
  const parsed = parseEndpoint(address, 'test', tls);
  const target = engineTarget(
    parsed,
    { kind: 'settings' },
    tls ? { verify: true, ca: { path: 'ca.pem', pem: 'CA' }, cert: null, key: null } : null,
  );
  return createDockerClient(dockerodeOptions(target, {})).modem as unknown as ModemView;
}

describe('the dockerode client for a chosen engine', () => {
  it('dials the chosen socket even when DOCKER_HOST names a tcp engine', () => {
    process.env.DOCKER_HOST = 'tcp://10.9.8.7:2376';
    process.env.DOCKER_TLS_VERIFY = '1';
    process.env.DOCKER_CERT_PATH = '/nonexistent/certs';
    const modem = modemFor('unix:///run/chosen.sock');
    expect(modem.socketPath).toBe('/run/chosen.sock');
    expect(modem.host).toBeUndefined();
    // The environment is as it was.
    expect(process.env.DOCKER_HOST).toBe('tcp://10.9.8.7:2376');
    expect(process.env.DOCKER_CERT_PATH).toBe('/nonexistent/certs');
  });

  it('dials a chosen tcp engine, not the default socket', () => {
    delete process.env.DOCKER_HOST;
    const plain = modemFor('tcp://127.0.0.1:2375');
    expect(plain).toMatchObject({ host: '127.0.0.1', port: 2375, protocol: 'http' });
    const tls = modemFor('tcp://engine.example:2376', true);
    expect(tls).toMatchObject({ host: 'engine.example', port: 2376, protocol: 'https', ca: 'CA' });
  });

  it('dials ssh engines with the user and port given', () => {
    const modem = modemFor('ssh://deploy@build-box:2222');
    expect(modem).toMatchObject({ host: 'build-box', port: 2222, protocol: 'ssh' });
    expect((modem as { username?: string }).username).toBe('deploy');
  });
});
