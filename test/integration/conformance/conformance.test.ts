import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectTestEngine } from '../../support/engine';
import { classify, type Classified } from './classify';
import { KNOWN_DIFFERENCES, KNOWN_SKIPS } from './known-differences';
import {
  corporaDir,
  corpusProjects,
  DEFAULT_PROJECTS,
  fixtureProjects,
  type ConformanceProject,
} from './projects';
import { formatReport } from './report';
import { runProject, type ProjectOutcome } from './run-project';

// Every selected project is brought up by Parity (`parity up -d`, the built CLI) and by
// docker-compose 1.29 from identical rewritten copies; their containers are inspected and
// compared field by field. Differences must be the known ones of known-differences.ts.
// PARITY_CONFORMANCE=all runs every corpus project (about 10 minutes), and
// PARITY_CONFORMANCE_REPORT=1 prints every difference, not only new ones.

const corpora = corporaDir();
const all = process.env.PARITY_CONFORMANCE === 'all';
const fullReport = process.env.PARITY_CONFORMANCE_REPORT === '1';
const corpus = corpora ? corpusProjects(corpora) : [];
const chosen = all ? corpus : corpus.filter((p) => DEFAULT_PROJECTS.includes(p.name));
// The longest first, so two at a time end together.
const order = (p: ConformanceProject): number => {
  const at = DEFAULT_PROJECTS.indexOf(p.name);
  return at < 0 ? DEFAULT_PROJECTS.length : at;
};
const selected = [...chosen.sort((a, b) => order(a) - order(b)), ...fixtureProjects()];

/** Two projects at a time: each runs one tool at a time, so at most two tools work at once. */
const PARALLEL = 2;

let outcomes: ProjectOutcome[] = [];
let classified: Classified = { expected: [], unexpected: [], stale: [] };

beforeAll(async () => {
  const docker: Docker = await connectTestEngine();
  const cli = fileURLToPath(new URL('../../../out/main/cli.js', import.meta.url));
  if (!existsSync(cli))
    throw new Error('Parity is not built (no out/main/cli.js): run npm run build');
  try {
    execFileSync('docker-compose', ['version', '--short'], { encoding: 'utf8' });
  } catch (error) {
    throw new Error('The peer docker-compose 1.29 is missing: run bash scripts/setup.sh', {
      cause: error,
    });
  }
  outcomes = await inPool(selected, (project) => runProject(docker, project));
  const ran = outcomes.filter((o) => !o.skipped);
  classified = classify(
    ran.flatMap((o) => o.differences),
    KNOWN_DIFFERENCES,
    ran.map((o) => o.project),
  );
  console.log(formatReport(outcomes, classified, fullReport));
}, 30 * 60_000);

describe('Parity creates the same containers as docker-compose 1.29', () => {
  if (!corpora) {
    console.warn(
      'conformance: no corpora folder (../shared/corpora, or PARITY_CORPORA): only the fixtures run',
    );
    it.skip('corpus projects: ../shared/corpora is absent (PARITY_CORPORA names it)', () => {});
  } else if (!all) {
    it('finds every default project in the corpora', () => {
      const missing = DEFAULT_PROJECTS.filter((name) => !corpus.some((p) => p.name === name));
      expect(missing).toEqual([]);
    });
  }

  for (const project of selected) {
    it(`${project.name}: only the known differences`, (context) => {
      const outcome = outcomes.find((o) => o.project === project.name);
      if (!outcome) throw new Error(`${project.name} did not run (see the error of beforeAll)`);
      const knownSkip = KNOWN_SKIPS[project.name];
      if (outcome.skipped) {
        expect(
          knownSkip,
          `${project.name} is new to KNOWN_SKIPS: ${outcome.skipped}`,
        ).toBeDefined();
        console.log(`conformance: ${project.name} skipped: ${outcome.skipped}`);
        context.skip(`docker-compose cannot bring it up here: ${knownSkip}`);
      }
      expect(knownSkip, `${project.name} now runs: remove it from KNOWN_SKIPS`).toBeUndefined();
      const mine = (d: { project: string }): boolean => d.project === project.name;
      const own: Classified = {
        expected: classified.expected.filter((e) => mine(e.difference)),
        unexpected: classified.unexpected.filter(mine),
        stale: classified.stale.filter(mine),
      };
      const report = formatReport([outcome], own, false);
      expect(own.unexpected, report).toEqual([]);
      expect(own.stale, report).toEqual([]);
    });
  }
});

async function inPool<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) results.push(await work(items[next++] as T));
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return results;
}
