import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/drift';
import { loadProject } from '../../../src/main/config/load-project';
import { diffModels } from '../../../src/main/drift/diff';
import { readKubernetes, workloadsOf } from '../../../src/main/drift/kubernetes';
import { CORPORA_PRESENT, warnWithoutCorpora } from '../../support/corpora';
import {
  CORPORA,
  describeScore,
  isFound,
  keyMatches,
  readExpectations,
  reportedAsDrift,
  scoreFindings,
  type Item,
} from './corpora-scorer';

// Scores diffModels against the hand-made ground truth of the real-world corpora
// (../shared/corpora/<corpus>/expectations.yaml; the scorer is in corpora-scorer.ts).
// corpora-cli.test.ts scores the same corpora through the CLI, as users run it.

function score(corpus: string) {
  const dir = join(CORPORA, corpus);
  const exp = readExpectations(corpus);
  const { project, diagnostics } = loadProject({
    dir,
    files: exp.dev.compose,
    profiles: ['*'],
    env: {},
  });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const production = readKubernetes(exp.prod.kubernetes, dir);
  const map = Object.fromEntries(
    Object.entries(exp.aliases ?? {}).flatMap(([dev, prod]) =>
      prod[0] === undefined ? [] : [[dev, prod[0]]],
    ),
  );
  const { findings } = diffModels(project.model, production.model, {
    map,
    secretKeys: production.secretKeys,
    workloads: workloadsOf(production),
  });
  const result = scoreFindings(exp, findings);
  console.log(describeScore(corpus, exp, result));
  return { exp, findings, ...result, production };
}

// The ratchet: what the detector finds today. Raise these as it improves; never lower them.
const RATCHET: Record<string, string[]> = {
  emojivoto: [
    'WEB-1',
    'BOT-1',
    'EMOJI-1',
    'EMOJI-2',
    'EMOJI-3',
    'VOTING-1',
    'VOTING-2',
    'VOTING-3',
  ],
  'example-voting-app': [
    'SEED-1',
    'VOTE-1',
    'VOTE-2',
    'VOTE-3',
    'VOTE-4',
    'RESULT-1',
    'RESULT-2',
    'RESULT-3',
    'RESULT-4',
    'WORKER-1',
    'REDIS-1',
    'REDIS-2',
    'DB-1',
    'DB-2',
    'DB-3',
  ],
  'sock-shop': [
    'TOPO-1',
    'TOPO-2',
    'TOPO-3',
    'FRONT-1',
    'FRONT-2',
    'FRONT-3',
    'FRONT-4',
    'FRONT-5',
    'CAT-1',
    'CAT-2',
    'CAT-3',
    'CAT-4',
    'CATDB-1',
    'CATDB-2',
    'CARTS-1',
    'CARTS-2',
    'CARTSDB-1',
    'ORD-1',
    'ORD-2',
    'ORDDB-1',
    'SHIP-1',
    'SHIP-2',
    'SHIP-3',
    'QM-1',
    'QM-2',
    'QM-3',
    'QM-4',
    'RMQ-1',
    'RMQ-2',
    'RMQ-3',
    'PAY-1',
    'PAY-2',
    'PAY-3',
    'USER-1',
    'USER-2',
    'USER-3',
    'USER-4',
    'USER-5',
    'USERDB-1',
  ],
};

// Traps still reported as drift, each with its reason. The test fails when one is fixed
// (remove it here) and when any other trap is hit.
const KNOWN_TRAPS: Record<string, string[]> = {
  emojivoto: [],
  'example-voting-app': [],
  'sock-shop': [],
};

warnWithoutCorpora('the corpora drift scores');

describe.skipIf(!CORPORA_PRESENT).each(Object.keys(RATCHET))(
  'drift score on the %s corpus',
  (corpus) => {
    // Read in beforeAll: vitest runs a skipped suite's body too.
    let result: ReturnType<typeof score>;
    beforeAll(() => {
      result = score(corpus);
    });
    const mustFind = RATCHET[corpus] ?? [];

    it('reads the production manifests without an error', () => {
      expect(result.production.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });

    it('reports none of the traps as drift, but the known ones', () => {
      expect(result.trapsHit).toEqual(KNOWN_TRAPS[corpus] ?? []);
    });

    it('shows none of the expected items as drift', () => {
      expect(result.expectedAsDrift).toEqual([]);
    });

    it('finds at least what it found before (ratchet)', () => {
      expect(result.found.length).toBeGreaterThanOrEqual(mustFind.length);
      expect(mustFind.filter((id) => !result.found.includes(id))).toEqual([]);
    });
  },
);

describe('the scorer', () => {
  const finding = (over: Partial<Finding>): Finding => ({
    service: 'api',
    path: 'env.DATABASE_URL',
    kind: 'changed',
    category: 'env',
    severity: 'warning',
    rule: '',
    status: 'drift',
    secret: false,
    dev: { value: null, source: null },
    prod: { value: null, source: null },
    ...over,
  });

  it('matches an upper-case key as a whole path token, any other as a substring', () => {
    expect(keyMatches('ZIPKIN', 'env.ZIPKIN')).toBe(true);
    expect(keyMatches('ZIPKIN', 'env.ZIPKIN_URL')).toBe(false);
    expect(keyMatches('9229', 'ports.9229/tcp')).toBe(true);
    expect(keyMatches('80', 'ports.8080/tcp')).toBe(false);
    expect(keyMatches('mongo', 'env.MONGO_HOST')).toBe(true);
    expect(keyMatches('/data', 'volumes./var/lib/postgresql/data')).toBe(true);
  });

  it('needs all listed keys of a finding, with an accepted status', () => {
    const item: Item = { id: 'X', service: 'api', category: 'volumes', key: ['/a', '/b'] };
    const a = finding({ category: 'volumes', path: 'volumes./a' });
    const b = finding({ category: 'volumes', path: 'volumes./b' });
    expect(isFound(item, [a])).toBe(false);
    expect(isFound(item, [a, b])).toBe(true);
    expect(isFound(item, [a, { ...b, status: 'expected' }])).toBe(false);
    expect(
      isFound({ ...item, accept_status: ['drift', 'expected'] }, [a, { ...b, status: 'expected' }]),
    ).toBe(true);
  });

  it('hits a trap on any listed value, narrowed by kind, only when shown as drift', () => {
    const trap: Item = {
      id: 'T',
      service: ['api', 'web'],
      category: 'ports',
      key: ['8080'],
      kind: 'only-dev',
    };
    const port = finding({ service: 'web', category: 'ports', path: 'ports.8080/tcp' });
    expect(reportedAsDrift(trap, [{ ...port, kind: 'only-dev' }])).toHaveLength(1);
    expect(reportedAsDrift(trap, [port])).toHaveLength(0);
    expect(reportedAsDrift(trap, [{ ...port, kind: 'only-dev', status: 'expected' }])).toHaveLength(
      0,
    );
  });
});
