// A production source outside the project folder, through the built CLI on the real engine:
// `parity drift` does not read it and `parity up` starts nothing until the folder is trusted,
// both naming the path as written; `drift --trust` or `up --trust` trusts it, after which both
// go on without a question; a pull that adds another outside source asks again.
import { cpSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
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

  it('parity drift --trust trusts the folder and reads the outside manifests', async () => {
    const drift = await parity('drift', '--format', 'json', '--trust');
    expect(drift.code, drift.stderr).toBe(0);
    expect(drift.stderr).toContain('project: production.kubernetes ../infra/k8s ->');
    expect(drift.stderr).toContain('Trusted with --trust');
    expect(drift.stderr).not.toContain(REFUSED);
    const report = JSON.parse(drift.stdout) as { findings: { service: string }[] };
    // The Deployment of ../infra/k8s was read: its service is paired, not missing.
    expect(report.findings.filter((f) => f.service !== 'tool')).toEqual([]);
    // Trusted for what it asks: up starts it without a question.
    const up = await parity('up', '-d');
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).not.toContain('Reads files outside');
    expect((await containers()).map((c) => c.State)).toEqual(['running']);
  }, 90_000);

  it('a pull adding another outside source asks again; parity up --trust trusts it', async () => {
    mkdirSync(join(root, 'infra', 'extra'));
    writeFileSync(
      join(root, 'infra', 'extra', 'config.yaml'),
      lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: extra }', 'data: { A: "1" }'),
    );
    writeFileSync(
      join(app, 'parity.yaml'),
      lines('production:', '  - kubernetes: ../infra/k8s', '  - kubernetes: ../infra/extra'),
    );
    const refused = await parity('drift');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'production source ../infra/extra is outside the project folder; trust the project to read it',
    );
    const asked = await parity('up', '-d');
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('project: production.kubernetes ../infra/extra ->');
    const up = await parity('up', '-d', '--trust');
    expect(up.code, up.stderr).toBe(0);
    const drift = await parity('drift');
    expect(drift.code, drift.stderr).toBe(0);
  }, 90_000);
});
