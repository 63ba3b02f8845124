import type { KnownDifference } from './classify';
import type { Difference } from './compare';
import { ABSENT } from './inspect-normalise';

// The list to edit. A bug fixed makes its entry stale and the test says which project to take
// out of it; a new difference fails the test until it is fixed or listed here.
// PARITY_CONFORMANCE_REPORT=1 prints every difference, and a ready entry for each new one.

/** Projects docker-compose 1.29 itself cannot bring up here, and why; they are not compared. */
export const KNOWN_SKIPS: Readonly<Record<string, string>> = {
  'nginx-golang-postgres': 'user: postgres; busybox has no such user (the real image has)',
  'react-rust-postgres': 'top-level name: is Compose v2 only; 1.29 rejects the file',
  'wasmedge-kafka-mysql': 'runtime io.containerd.wasmedge.v1 is not installed on this engine',
  'wasmedge-mysql-nginx': 'runtime io.containerd.wasmedge.v1 is not installed on this engine',
};

const serviceOf = (d: Difference): string => d.container.replace(/#\d+$/, '');
const numberOf = (d: Difference): string => d.container.replace(/^.*#/, '');
const upFailed = (pattern: RegExp) => (d: Difference) =>
  typeof d.parity === 'string' && pattern.test(d.parity);

/** Compose v2 (hence Parity) and docker-compose 1.29 differ here by design. */
const COMPOSE_V1: readonly KnownDifference[] = [
  {
    kind: 'compose-v1',
    reason: '1.29 names containers <project>_<service>_<n>; Compose v2 <project>-<service>-<n>',
    projects: '*',
    field: 'Name',
    when: (d) =>
      d.parity === `/<project>-${serviceOf(d)}-${numberOf(d)}` &&
      d.compose === `/<project>_${serviceOf(d)}_${numberOf(d)}`,
  },
  {
    kind: 'compose-v1',
    reason: '1.29 labels its version; Parity writes no version label (DESIGN.md label list)',
    projects: '*',
    field: 'Labels.com.docker.compose.version',
    parity: ABSENT,
    compose: '1.29.2',
  },
  {
    kind: 'compose-v1',
    reason: 'Compose v2 records depends_on (service:condition:restart) as a label; 1.29 does not',
    projects: '*',
    field: 'Labels.com.docker.compose.depends_on',
    compose: ABSENT,
  },
  {
    kind: 'compose-v1',
    reason: 'no restart: key; Parity sends "no", 1.29 sends "": the engine reads both as no',
    projects: '*',
    field: 'RestartPolicy',
    parity: { Name: 'no', MaximumRetryCount: 0 },
    compose: { Name: '', MaximumRetryCount: 0 },
  },
  {
    kind: 'compose-v1',
    reason: 'Compose v2 also aliases each container by its container name on every network',
    projects: '*',
    field: 'Networks.*',
    when: (d) => {
      if (!Array.isArray(d.parity) || !Array.isArray(d.compose)) return false;
      const ours = new Set(d.parity as string[]);
      const theirs = d.compose as string[];
      const extra = [...ours].filter((alias) => !theirs.includes(alias));
      return theirs.every((alias) => ours.has(alias)) && extra.length <= 1;
    },
  },
];

const MULTI_NETWORK = [
  'example-voting-app',
  'nextcloud-redis-mariadb',
  'nginx-flask-mysql',
  'react-express-mongodb',
  'react-java-mysql',
];
const EXISTING_BIND_SOURCE = [
  'elasticsearch-logstash-kibana',
  'nginx-flask-mongo',
  'nginx-golang',
  'nginx-golang-mysql',
  'nginx-wsgi-flask',
  'portainer',
  'react-express-mysql',
  'sock-shop',
  'traefik-golang',
];

/** Parity bugs the test finds today, each to be removed when fixed. */
const BUGS: readonly KnownDifference[] = [
  {
    kind: 'bug',
    reason: 'a service on several networks fails on API 1.41 (connect them one by one)',
    projects: MULTI_NETWORK,
    containers: ['(up)'],
    field: 'exit',
    when: upFailed(/Container cannot be connected to network endpoints/),
  },
  {
    kind: 'bug',
    reason: 'a bind source that is an existing file (or socket) fails with EEXIST (mkdir)',
    projects: EXISTING_BIND_SOURCE,
    containers: ['(up)'],
    field: 'exit',
    when: upFailed(/EEXIST: file already exists, mkdir/),
  },
  {
    kind: 'bug',
    reason: 'a bind source starting with ~ is not expanded to HOME',
    projects: ['minecraft'],
    containers: ['(up)'],
    field: 'exit',
    when: upFailed(/invalid mount config/),
  },
  {
    kind: 'bug',
    reason: 'not created: Parity\'s up failed before it (the "(up) exit" row)',
    projects: [...MULTI_NETWORK, ...EXISTING_BIND_SOURCE, 'minecraft'],
    field: 'container',
    parity: ABSENT,
    compose: 'created',
  },
  {
    kind: 'bug',
    reason: 'not started: a dependency failed on the several-networks bug',
    projects: ['nginx-flask-mysql', 'react-express-mongodb', 'react-java-mysql'],
    containers: ['proxy#1', 'frontend#1'],
    field: 'Running',
    parity: false,
    compose: true,
  },
  {
    kind: 'bug',
    reason: 'expose: not applied yet (issue 12)',
    projects: [
      'fixture:storage-network',
      'gitea-postgres',
      'nextcloud-postgres',
      'nextcloud-redis-mariadb',
      'nginx-flask-mysql',
      'react-express-mongodb',
      'react-java-mysql',
      'sparkjava-mysql',
      'spring-postgres',
      'wordpress-mysql',
    ],
    field: 'ExposedPorts',
  },
  {
    kind: 'bug',
    reason: 'secrets: not mounted at /run/secrets yet',
    projects: [
      'nginx-aspnet-mysql',
      'nginx-flask-mysql',
      'react-java-mysql',
      'sparkjava-mysql',
      'spring-postgres',
    ],
    field: 'Mounts./run/secrets/*',
    parity: ABSENT,
  },
  {
    kind: 'bug',
    reason: 'sysctls: not applied yet',
    projects: ['wireguard', 'fixture:limits'],
    field: 'Sysctls',
    parity: ABSENT,
  },
  {
    kind: 'bug',
    reason: 'stdin_open / tty: not applied yet',
    projects: ['react-express-mongodb', 'fixture:process'],
    field: 'OpenStdin',
    parity: false,
    compose: true,
  },
  {
    kind: 'bug',
    reason: 'stdin_open / tty: not applied yet',
    projects: ['fixture:process'],
    field: 'Tty',
    parity: false,
    compose: true,
  },
  {
    kind: 'bug',
    reason: 'environment entry without a value (FOO, or FOO: with no value) is dropped',
    projects: ['fixture:process'],
    containers: ['exec-forms#1', 'shell-forms#1'],
    field: 'Env.*',
    parity: ABSENT,
    compose: '<no value>',
  },
  {
    kind: 'bug',
    reason: 'domainname: not applied yet',
    projects: ['fixture:process'],
    field: 'Domainname',
    parity: ABSENT,
  },
  {
    kind: 'bug',
    reason: 'tmpfs: made as tmpfs mounts without their options, not HostConfig.Tmpfs',
    projects: ['fixture:limits'],
    containers: ['hardened#1'],
    field: 'Tmpfs',
    parity: ABSENT,
  },
  {
    kind: 'bug',
    reason: 'tmpfs: made as tmpfs mounts without their options, not HostConfig.Tmpfs',
    projects: ['fixture:limits'],
    containers: ['hardened#1'],
    field: 'Mounts.*',
    compose: ABSENT,
  },
  {
    kind: 'bug',
    reason: 'logging: options not applied yet',
    projects: ['fixture:limits'],
    field: 'LogConfig',
  },
  {
    kind: 'bug',
    reason: 'ulimits: not applied yet',
    projects: ['fixture:limits'],
    field: 'Ulimits',
    parity: ABSENT,
  },
  {
    kind: 'bug',
    reason: 'shm_size: not applied yet (the engine default 64 MiB stays)',
    projects: ['fixture:limits'],
    field: 'ShmSize',
  },
  {
    kind: 'bug',
    reason: 'dns / dns_search / dns_opt: not applied yet',
    projects: ['fixture:limits'],
    containers: ['resolver#1'],
    field: 'Dns*',
    parity: ABSENT,
  },
  {
    kind: 'bug',
    reason: 'security_opt: not applied yet',
    projects: ['fixture:limits'],
    field: 'SecurityOpt',
    parity: ABSENT,
  },
  {
    kind: 'bug',
    reason: 'cpu_shares: not applied yet',
    projects: ['fixture:limits'],
    field: 'CpuShares',
  },
  {
    kind: 'bug',
    reason: 'pids_limit: not applied yet',
    projects: ['fixture:limits'],
    field: 'PidsLimit',
    parity: ABSENT,
  },
  {
    kind: 'bug',
    reason: 'group_add: not applied yet',
    projects: ['fixture:limits'],
    field: 'GroupAdd',
    parity: ABSENT,
  },
  {
    kind: 'bug',
    reason: 'networks.<name>.aliases: not applied yet (only the service name is an alias)',
    projects: ['fixture:storage-network'],
    containers: ['web#1'],
    field: 'Networks.<project>_backend.Aliases',
  },
];

/** Every expected difference: Compose v2 vs 1.29 first, then the open Parity bugs. */
export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [...COMPOSE_V1, ...BUGS];
