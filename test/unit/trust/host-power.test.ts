import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeAsk, type TrustAsk } from '../../../src/shared/trust';
import { loadProject } from '../../../src/main/config/load-project';
import { hostPowerAsks } from '../../../src/main/trust/host-power';
import { sensitiveBind } from '../../../src/main/trust/host-paths';
import { hashAsks } from '../../../src/main/trust/trust-hash';
import { lines, makeProject } from '../../support/project-dir';

const HOME = '/home/ada';

function asksOf(dir: string): TrustAsk[] {
  const { project, diagnostics } = loadProject({ dir, env: { HOME } });
  if (!project) throw new Error(JSON.stringify(diagnostics));
  return hostPowerAsks(project, HOME);
}

function service(...body: string[]): string {
  return lines('services:', '  app:', '    image: busybox:1.37', ...body.map((l) => `    ${l}`));
}

describe('what a stack asks of the host', () => {
  it('lists each host-level ask with its service, key, value and file:line', () => {
    const dir = makeProject('power', {
      'compose.yaml': service(
        'privileged: true',
        'cap_add: [SYS_ADMIN, CHOWN, NET_BIND_SERVICE]',
        'network_mode: host',
        'pid: host',
        'ipc: host',
        'uts: host',
        'userns_mode: host',
        'devices: ["/dev/fuse:/dev/fuse"]',
        'security_opt: ["seccomp:unconfined", "apparmor=unconfined", "no-new-privileges:true"]',
        'volumes:',
        '  - /:/host',
        '  - /var/run/docker.sock:/var/run/docker.sock',
        '  - /etc/passwd:/etc/passwd:ro',
        '  - ~/.ssh:/root/.ssh',
        '  - ./data:/data',
        '  - /tmp/cache:/cache',
      ),
    });
    expect(asksOf(dir).map(describeAsk)).toEqual([
      'app: privileged true: every device and capability of the host (compose.yaml:4)',
      'app: cap_add SYS_ADMIN: the SYS_ADMIN capability (compose.yaml:5)',
      "app: network_mode host: the host's network: every port and interface (compose.yaml:6)",
      'app: pid host: sees and signals every process of the host (compose.yaml:7)',
      "app: ipc host: shares the host's shared memory (compose.yaml:8)",
      "app: uts host: can change the host's name (compose.yaml:9)",
      "app: userns_mode host: runs without user namespace remapping (its root is the host's root) (compose.yaml:10)",
      'app: devices /dev/fuse:/dev/fuse: a device of the host (compose.yaml:11)',
      'app: security_opt seccomp:unconfined: a confinement of the container turned off (compose.yaml:12)',
      'app: security_opt apparmor=unconfined: a confinement of the container turned off (compose.yaml:12)',
      "app: volumes /:/host: the host's whole filesystem (compose.yaml:14)",
      'app: volumes /var/run/docker.sock:/var/run/docker.sock: control of the container engine (root on the host) (compose.yaml:15)',
      "app: volumes /etc/passwd:/etc/passwd (read-only): the host's system configuration (compose.yaml:16)",
      'app: volumes /home/ada/.ssh:/root/.ssh: a private folder of your home folder (compose.yaml:17)',
    ]);
  });

  it('asks nothing of an ordinary stack, or of default capabilities and confinements kept on', () => {
    const dir = makeProject('plain', {
      'compose.yaml': service(
        'cap_add: [CHOWN, NET_BIND_SERVICE]',
        'cap_drop: [ALL]',
        'security_opt: [no-new-privileges:true]',
        'network_mode: bridge',
        'volumes: [./data:/data, /tmp/cache:/cache, named:/var/lib/x]',
      ).concat('volumes:\n  named:\n'),
    });
    expect(asksOf(dir)).toEqual([]);
  });

  it('lists every file read from outside the project folder: env_file, extends, secrets', () => {
    const root = makeProject('outer', {
      'shared.env': 'TOKEN=abc\n',
      'base.yaml': lines('services:', '  base:', '    image: busybox:1.37', '    user: nobody'),
      'app/compose.yaml': lines(
        'services:',
        '  app:',
        '    extends: { file: ../base.yaml, service: base }',
        '    env_file: ../shared.env',
        '    secrets: [key]',
        'secrets:',
        '  key:',
        '    file: ../shared.env',
      ),
    });
    const asks = asksOf(join(root, 'app'));
    expect(asks.map(({ service, key, value }) => ({ service, key, value }))).toEqual([
      { service: 'app', key: 'file', value: '../base.yaml' },
      { service: 'app', key: 'file', value: '../shared.env' },
      { service: 'app', key: 'secrets', value: 'key: ../shared.env' },
    ]);
  });

  it('escapes control characters the files write, so they cannot redraw or hide the prompt', () => {
    const dir = makeProject('escapes', {
      'compose.yaml': service('volumes:', '  - "/etc/\\e[8mhidden\\r:/x"'),
    });
    const [ask] = asksOf(dir);
    expect(ask?.value).toBe('/etc/\u001b[8mhidden\r:/x');
    expect(ask && describeAsk(ask)).toBe(
      "app: volumes /etc/\\u001b[8mhidden\\u000d:/x: the host's system configuration (compose.yaml:5)",
    );
  });

  it('keeps the same hash when only positions move, and a new one when an ask is added', () => {
    const dir = makeProject('hash', { 'compose.yaml': service('privileged: true') });
    const before = hashAsks(asksOf(dir));
    writeFileSync(join(dir, 'compose.yaml'), `# a comment\n${service('privileged: true')}`);
    expect(hashAsks(asksOf(dir))).toBe(before);
    writeFileSync(join(dir, 'compose.yaml'), service('privileged: true', 'cap_add: [NET_ADMIN]'));
    expect(hashAsks(asksOf(dir))).not.toBe(before);
  });
});

describe('which binds are host-level power', () => {
  it.each([
    ['/', "the host's whole filesystem"],
    ['/var/run', 'a folder holding the container engine socket (root on the host)'],
    ['/run/docker.sock', 'control of the container engine (root on the host)'],
    ['/run/user/1000/podman/podman.sock', 'control of the container engine (root on the host)'],
    ['/etc', "the host's system configuration"],
    ['/home/ada', 'your home folder'],
    ['/home', 'a folder holding your home folder'],
    ['/home/ada/.aws', 'a private folder of your home folder'],
    ['/proc', "the host's processes"],
  ])('%s: %s', (source, means) => {
    expect(sensitiveBind(source, HOME)).toBe(means);
  });

  it.each(['/tmp/cache', '/home/ada/code/shop/data', '/var/lib/postgresql', '/etcetera'])(
    '%s is not',
    (source) => expect(sensitiveBind(source, HOME)).toBeNull(),
  );
});
