import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { DriftReportSchema, type DriftReport } from '../../../src/shared/drift';
import { runParity } from '../../support/cli';
import {
  CORPORA,
  describeScore,
  readExpectations,
  scoreFindings,
  scoredCorpora,
  type Expectations,
  type Score,
} from './corpora-scorer';

// The corpora as a user meets them: each corpus copied to a folder of its own, parity.yaml
// written at its root naming its compose files and its manifests (paths relative to
// parity.yaml), and `parity drift --format json` run by the built CLI (`npm run build` first).
// The JSON is scored with the corpus's expectations.yaml, as corpora-score.test.ts scores
// diffModels. No `map:` is written: every name the ground truth lists as an alias is a
// production workload, container or Service name, which a user expects Parity to pair itself.

/** parity.yaml as a user writes it for this corpus. */
export function parityYaml(exp: Expectations): string {
  return stringify({
    compose: exp.dev.compose,
    production: [{ kubernetes: exp.prod.kubernetes }],
  });
}

// The ratchet: what the CLI finds today, traps it hits and expected items it shows as drift.
// Add to `found` as the detector improves (never remove; 'all': every finding); remove ids from the other two
// lists when they are fixed (the test fails on any id not listed).
const RATCHET: Record<
  string,
  { found: string[] | 'all'; trapsHit: string[]; expectedAsDrift: string[] }
> = {
  'aks-store-demo': { found: 'all', trapsHit: [], expectedAsDrift: [] },
  emojivoto: {
    found: 'all',
    trapsHit: [],
    expectedAsDrift: [],
  },
  'example-voting-app': { found: 'all', trapsHit: [], expectedAsDrift: [] },
  'sock-shop': { found: 'all', trapsHit: [], expectedAsDrift: [] },
};

const corpora = scoredCorpora();
if (corpora.length === 0) console.warn(`skipped: no corpora with expectations.yaml at ${CORPORA}`);

describe.skipIf(corpora.length === 0)('drift through the CLI on the real-world corpora', () => {
  const work = mkdtempSync(join(tmpdir(), 'parity-corpora-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('scores every corpus that has an expectations.yaml', () => {
    expect(corpora.sort()).toEqual(Object.keys(RATCHET).sort());
  });

  describe.each(corpora)('%s', (corpus) => {
    const exp = readExpectations(corpus);
    let report: DriftReport;
    let score: Score;

    it('runs parity drift --format json on a copy with parity.yaml at its root', async () => {
      const dir = join(work, corpus);
      cpSync(join(CORPORA, corpus), dir, { recursive: true });
      writeFileSync(join(dir, 'parity.yaml'), parityYaml(exp));
      const run = await runParity(['drift', '--project-directory', dir, '--format', 'json']);
      expect(run.stderr).not.toMatch(/error/i);
      expect(run.code).toBe(0);
      report = DriftReportSchema.parse(JSON.parse(run.stdout));
      score = scoreFindings(exp, report.findings);
      console.log(describeScore(`${corpus} (CLI)`, exp, score));
      console.log(
        `${corpus} (CLI) pairs: ` +
          report.matches.map((m) => `${m.dev ?? '-'}~${m.prod ?? '-'} (${m.by})`).join(', '),
      );
    }, 30_000);

    it('finds at least what it found before (ratchet)', () => {
      const must = RATCHET[corpus]?.found;
      const ids = must === 'all' ? exp.findings.map((item) => item.id) : (must ?? ['(no ratchet)']);
      expect(ids.filter((id) => !score.found.includes(id))).toEqual([]);
    });

    it('hits no trap but the known ones', () => {
      expect(score.trapsHit).toEqual(RATCHET[corpus]?.trapsHit);
    });

    it('shows no expected item as drift but the known ones', () => {
      expect(score.expectedAsDrift).toEqual(RATCHET[corpus]?.expectedAsDrift);
    });
  });
});
