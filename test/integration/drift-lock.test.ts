import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DriftReportSchema, type DriftReport } from '../../src/shared/drift';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { connectTestEngine, TEST_IMAGE, uniqueProjectName } from '../support/engine';
import { makeProject } from '../support/project-dir';
import { runCliCaptured } from '../support/cli';

const engine = DockerEngine.fromEnvironment();
const name = uniqueProjectName('parity-it-lock');
const BASE = `${name}-base:1`;
const SITE = `${name}-site`;
const ENV = process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {};

let docker: Docker;
let dir: string;
// Every image the test built, removed at the end (a rebuild leaves the old one untagged).
const built: string[] = [];

async function parity(...args: string[]) {
  return runCliCaptured([...args, '--project-directory', dir], ENV);
}

async function report(): Promise<DriftReport> {
  const { out, err } = await parity('drift', '--against', 'lock', '--json');
  expect(err).toBe('');
  return DriftReportSchema.parse(JSON.parse(out));
}

const imageId = async (reference: string): Promise<string> =>
  (await docker.getImage(reference).inspect()).Id;

async function buildSite(page: string): Promise<void> {
  writeFileSync(join(dir, 'site/index.html'), page);
  await engine.buildImage(
    { context: join(dir, 'site'), dockerfile: null, target: null, args: {}, tag: SITE },
    () => undefined,
  );
  built.push(await imageId(SITE));
}

beforeAll(async () => {
  docker = await connectTestEngine();
  await docker.getImage(TEST_IMAGE).tag({ repo: `${name}-base`, tag: '1' });
  dir = makeProject(name, {
    'compose.yaml': [
      'services:',
      `  app: { image: "${BASE}" }`,
      `  tool: { image: "${TEST_IMAGE}", profiles: [tools] }`,
      '  site: { build: ./site }',
      '',
    ].join('\n'),
    'site/Dockerfile': `FROM ${TEST_IMAGE}\nCOPY index.html /www/index.html\n`,
  });
});

afterAll(async () => {
  for (const image of [BASE, SITE, ...built]) {
    await docker
      .getImage(image)
      .remove({ force: true })
      .catch(() => undefined);
  }
});

describe('parity lock and parity drift --against lock, on the real engine', () => {
  it('refuses to pin images that are not on this machine, writing nothing', async () => {
    const { code, err } = await parity('lock');
    expect(code).toBe(1);
    expect(err).toContain(`not on this machine, so not pinned: site (${SITE})`);
    expect((await parity('drift', '--against', 'lock')).err).toContain('found no parity.lock');
  });

  it('pins every service by image id when there is no registry digest, and says so', async () => {
    await buildSite('<h1>one</h1>\n');
    const { code, out } = await parity('lock');
    expect(code).toBe(0);
    expect(out).toContain(`Wrote ${join(dir, 'parity.lock')}: 3 services, 3 pinned by image id`);
    const text = readFileSync(join(dir, 'parity.lock'), 'utf8');
    expect(text).toContain(
      [
        'services:',
        '  app:',
        `    image: "${BASE}"`,
        '    built: false',
        '    digest: null  # no registry digest here: pinned by image id',
        `    id: "${await imageId(BASE)}"`,
        '  site:',
        `    image: "${SITE}"`,
        '    built: true',
        '    digest: null  # built locally: pinned by image id',
        `    id: "${await imageId(SITE)}"`,
        '  tool:',
        `    image: "${TEST_IMAGE}"`,
      ].join('\n'),
    );
    const again = await parity('lock');
    expect(again.out).toMatch(/^Unchanged: /);
    expect(readFileSync(join(dir, 'parity.lock'), 'utf8')).toBe(text);

    const r = await report();
    expect(r.findings).toEqual([]);
    expect(r.equivalent).toBe(3);
    expect((await parity('drift', '--against', 'lock', '--fail-on', 'info')).code).toBe(0);
  });

  it('reports a machine whose images differ from the lock, or a service it lacks', async () => {
    // The tag moves to another image; the site is rebuilt from other sources.
    await buildSite('<h1>two</h1>\n');
    await docker.getImage(SITE).tag({ repo: `${name}-base`, tag: '1' });
    writeFileSync(
      join(dir, 'compose.yaml'),
      `${readFileSync(join(dir, 'compose.yaml'), 'utf8')}  extra: { image: "${TEST_IMAGE}" }\n`,
    );
    const r = await report();
    const brief = r.findings.map((f) => `${f.service}.${f.path} ${f.severity}`);
    expect(brief).toEqual(['app.image.id error', 'site.image.id warning', 'extra.service warning']);
    expect(r.findings[0]).toMatchObject({
      dev: { value: `sha256:${(await imageId(BASE)).slice(7, 19)}` },
      prod: { source: { file: 'parity.lock' } },
    });
    const table = await parity('drift', '--against', 'lock', '--fail-on', 'error');
    expect(table.code).toBe(1);
    expect(table.out).toContain('      local  sha256:');
    expect(table.out.trimEnd().split('\n').at(-1)).toBe(
      '1 service not in the lock, 0 only in the lock, 3 drifts to fix (1 error), 1 equivalent',
    );
  });
});
