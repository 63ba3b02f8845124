import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** PEM files of one certificate authority and what it signed. */
export interface TestPki {
  /** A folder laid out as DOCKER_CERT_PATH: ca.pem, cert.pem (client), key.pem. */
  clientDir: string;
  serverCert: string;
  serverKey: string;
  caFile: string;
  read(file: string): string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function keyAndRequest(dir: string, name: string, subject: string): void {
  openssl(
    ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'].concat([
      '-keyout',
      `${name}-key.pem`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject,
    ]),
    dir,
  );
}

function sign(dir: string, name: string, extensions: string): void {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(
    ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem'].concat([
      '-CAcreateserial',
      '-out',
      `${name}-cert.pem`,
      '-days',
      '1',
      '-extfile',
      `${name}.ext`,
    ]),
    dir,
  );
}

/**
 * A fresh CA in `dir`, a server certificate for 127.0.0.1 and a client certificate, both
 * signed by it, made with openssl as a Docker user would for a TLS engine.
 */
export function makeTestPki(dir: string): TestPki {
  mkdirSync(dir, { recursive: true });
  openssl(
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'].concat([
      '-keyout',
      'ca-key.pem',
      '-out',
      'ca.pem',
      '-days',
      '1',
      '-subj',
      `/CN=parity test CA ${basename(dir)}`,
    ]),
    dir,
  );
  keyAndRequest(dir, 'server', '/CN=127.0.0.1');
  sign(dir, 'server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  keyAndRequest(dir, 'client', '/CN=parity client');
  sign(dir, 'client', 'extendedKeyUsage=clientAuth\n');
  const clientDir = join(dir, 'client');
  mkdirSync(clientDir);
  const read = (file: string): string => readFileSync(join(dir, file), 'utf8');
  writeFileSync(join(clientDir, 'ca.pem'), read('ca.pem'));
  writeFileSync(join(clientDir, 'cert.pem'), read('client-cert.pem'));
  writeFileSync(join(clientDir, 'key.pem'), read('client-key.pem'));
  return {
    clientDir,
    serverCert: join(dir, 'server-cert.pem'),
    serverKey: join(dir, 'server-key.pem'),
    caFile: join(dir, 'ca.pem'),
    read,
  };
}
