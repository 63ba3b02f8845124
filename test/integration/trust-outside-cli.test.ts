// A production source outside the project folder, through the built CLI on the real engine:
// `parity drift` does not read it and `parity up` starts nothing until the folder is trusted,
// both naming the path as written; `up --trust` trusts it, after which drift reads it; a pull
// that adds another outside source asks again.
import { cpSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPOSE_LABEL } from '../../src/main/engine/compose-labels';
import { runParity } from '../support/cli';
import { connectTestEngine, removeProject, uniqueProjectName } from '../support/engine';
import { lines } from '../support/project-dir';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'parity-outside-')));
cpSync(resolve(__dirname, '../fixtures/trust-outside'), root, { recursive: true });
const app = join(root, 'app');
const k8s = join(root, 'infra', 'k8s');
const env = { ...process.env, PARITY_SETTINGS: join(root, 'config.json') };
const name = uniqueProjectName('parity-it-outside');

const parity = (command: string, ...args: string[]) =>
  runParity([command, '--project-directory', app, '-p', name, ...args], env);
const REFUSED =
  'production source ../infra/k8s is outside the project folder; trust the project to read it';

let docker: Docker;
beforeAll(async () => {
  docker = await connectTestEngine();
});
afterAll(async () => {
  await parity('down', '-t', '0');
  if (docker) await removeProject(docker, name);
});

const containers = () =>
  docker.listContainers({ all: true, filters: { label: [`${COMPOSE_LABEL.project}=${name}`] } });

describe('a production source outside the project folder', () => {
  it('parity drift does not read it before trust, and says why (exit 2)', async () => {
    const run = await parity('drift');
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(REFUSED);
    expect(run.stdout).toBe('');
  });

  it('parity up lists it under its heading, names --trust, exits 2 and creates nothing', async () => {
    const run = await parity('up', '-d');
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      `Reads files outside the project folder:\n  - project: production.kubernetes ../infra/k8s -> ${k8s}: production read from outside the project folder\n`,
    );
    expect(run.stderr).toMatch(/no terminal to confirm on; pass --trust/);
    expect(await containers()).toEqual([]);
  });

  it('parity up --trust starts it; drift then reads the outside manifests', async () => {
    const up = await parity('up', '-d', '--trust');
    expect(up.code, up.stderr).toBe(0);
    expect((await containers()).map((c) => c.State)).toEqual(['running']);
    const drift = await parity('drift', '--format', 'json');
    expect(drift.code, drift.stderr).toBe(0);
    expect(drift.stderr).not.toContain(REFUSED);
    const report = JSON.parse(drift.stdout) as { findings: { service: string }[] };
    // The Deployment of ../infra/k8s was read: its service is paired, not missing.
    expect(report.findings.filter((f) => f.service !== 'tool')).toEqual([]);
  }, 90_000);

  it('a pull adding another outside source asks again', async () => {
    writeFileSync(
      join(app, 'parity.yaml'),
      lines('production:', '  - kubernetes: ../infra/k8s', '  - snapshot: ../infra/prod.json'),
    );
    const drift = await parity('drift');
    expect(drift.code).toBe(2);
    expect(drift.stderr).toContain(REFUSED);
    expect(drift.stderr).toContain('production source ../infra/prod.json is outside');
    const up = await parity('up', '-d');
    expect(up.code).toBe(2);
    expect(up.stderr).toContain('project: production.snapshot ../infra/prod.json ->');
  });
});
