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

/** Compose v2 (hence Parity) and docker-compose 1.29 differ here by design. */
const COMPOSE_V1: readonly KnownDifference[] = [
  {
    kind: 'compose-v1',
    reason:
      'capability names: Parity sends them normalized (cap_drop: [all] as ALL), Compose as written; the engine reads both alike',
    projects: '*',
    field: 'Cap*',
    when: (d) =>
      Array.isArray(d.parity) &&
      Array.isArray(d.compose) &&
      JSON.stringify(d.parity) ===
        JSON.stringify(
          (d.compose as string[]).map((c) => c.toUpperCase().replace(/^CAP_/, '')).sort(),
        ),
  },
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
    reason:
      '1.29 labels its version; Parity writes only the labels Compose tools read to find a stack (project, service, container-number, oneoff, config-hash, working_dir, config_files), not a compose version it is not',
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

/** Parity bugs the test finds today, each to be removed when fixed. */
const BUGS: readonly KnownDifference[] = [];

/** Every expected difference: Compose v2 vs 1.29 first, then the open Parity bugs. */
export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [...COMPOSE_V1, ...BUGS];
