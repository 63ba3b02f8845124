// Trust on the real engine, through the built CLI as a user runs it: a stack asking for
// host-level power is refused without a terminal or --trust, and nothing is created; --trust
// starts it and is remembered; a changed ask asks again; an ordinary stack never asks.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/command';
import { runCli } from '../../src/main/cli/run-cli';
import { COMPOSE_LABEL } from '../../src/main/engine/compose-labels';
import { runParity } from '../support/cli';
import { connectTestEngine, removeProject, TEST_IMAGE, uniqueProjectName } from '../support/engine';
import { lines, makeProject } from '../support/project-dir';

let docker: Docker;
beforeAll(async () => {
  docker = await connectTestEngine();
});

const settingsFile = join(mkdtempSync(join(tmpdir(), 'parity-trust-')), 'config.json');
const env = { ...process.env, PARITY_SETTINGS: settingsFile };

function compose(...extra: string[]): string {
  return lines(
    'services:',
    '  tool:',
    `    image: ${TEST_IMAGE}`,
    '    command: [sleep, "600"]',
    '    init: true',
    ...extra.map((line) => `    ${line}`),
  );
}

async function containersOf(project: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({
    all: true,
    filters: { label: [`${COMPOSE_LABEL.project}=${project}`] },
  });
}

async function networksOf(project: string): Promise<string[]> {
  const networks = await docker.listNetworks({
    filters: { label: [`${COMPOSE_LABEL.project}=${project}`] },
  });
  return networks.map((n) => n.Name);
}

describe('parity up of a stack that asks for host-level power', () => {
  const name = uniqueProjectName('parity-it-trust');
  const dir = makeProject('trust', { 'compose.yaml': compose('cap_add: [NET_ADMIN]') });
  const up = (...args: string[]) =>
    runParity(['up', '-d', '--project-directory', dir, '-p', name, ...args], env);
  afterAll(async () => {
    await runParity(['down', '-t', '0', '--project-directory', dir, '-p', name], env);
    await removeProject(docker, name);
  });

  it('without a terminal or --trust: lists the ask, names --trust, exits 2, creates nothing', async () => {
    const run = await up();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('asks for host-level power:');
    expect(run.stderr).toContain(
      'tool: cap_add NET_ADMIN: the NET_ADMIN capability (compose.yaml:6)',
    );
    expect(run.stderr).toMatch(/no terminal to confirm on; pass --trust/);
    expect(await containersOf(name)).toEqual([]);
    expect(await networksOf(name)).toEqual([]);
    expect(existsSync(settingsFile)).toBe(false);
  });

  it('with --trust: starts it, and remembers the folder for what it asked', async () => {
    const run = await up('--trust');
    expect(run.code, run.stderr).toBe(0);
    const [tool] = await containersOf(name);
    expect(tool?.State).toBe('running');
    const info = await docker.getContainer(tool?.Id ?? '').inspect();
    expect(info.HostConfig.CapAdd).toEqual(['NET_ADMIN']);
    const saved = JSON.parse(readFileSync(settingsFile, 'utf8')) as {
      trusted: { directory: string; kind: string }[];
    };
    expect(saved.trusted).toEqual([expect.objectContaining({ directory: dir, kind: 'stack' })]);
  });

  it('a second run asking the same does not ask', async () => {
    const run = await up();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('host-level power');
  });

  it('asks again once the files ask for more (a pull that adds privileged)', async () => {
    writeFileSync(join(dir, 'compose.yaml'), compose('cap_add: [NET_ADMIN]', 'privileged: true'));
    const run = await up();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('tool: privileged true');
    expect(run.stderr).toContain('pass --trust');
    // The running container is left as it was: nothing was recreated.
    const [tool] = await containersOf(name);
    const info = await docker.getContainer(tool?.Id ?? '').inspect();
    expect(info.HostConfig.Privileged).toBe(false);
  });
});

/** Runs `parity up` in-process on a terminal where `answer` is typed at the prompt. */
async function upOnTerminal(dir: string, name: string, answer: string) {
  let err = '';
  const questions: string[] = [];
  const io: CliIo = {
    out: () => undefined,
    err: (text) => (err += text),
    env,
    stdinIsTTY: true,
    ask: (question) => {
      questions.push(question);
      return Promise.resolve(answer);
    },
  };
  const code = await runCli(['up', '-d', '--project-directory', dir, '-p', name], io);
  return { code, err, questions };
}

describe('parity up on a terminal', () => {
  const name = uniqueProjectName('parity-it-trust-tty');
  const dir = makeProject('trust-tty', {
    'compose.yaml': compose('volumes: [/var/run/docker.sock:/var/run/docker.sock:ro]'),
  });
  afterAll(() => removeProject(docker, name));

  it('asks once; no starts nothing, yes starts it, and the next run does not ask', async () => {
    const no = await upOnTerminal(dir, name, 'n');
    expect(no.code).toBe(1);
    expect(no.err).toContain(
      'tool: volumes /var/run/docker.sock:/var/run/docker.sock (read-only): control of the container engine (root on the host)',
    );
    expect(no.questions).toEqual(['Trust this folder for these and start? [y/N] ']);
    expect(await containersOf(name)).toEqual([]);

    const yes = await upOnTerminal(dir, name, 'y');
    expect(yes.code, yes.err).toBe(0);
    expect((await containersOf(name))[0]?.State).toBe('running');

    const again = await upOnTerminal(dir, name, 'n');
    expect(again.code, again.err).toBe(0);
    expect(again.questions).toEqual([]);
  });
});

describe('an ordinary stack', () => {
  const name = uniqueProjectName('parity-it-trust-plain');
  const dir = makeProject('plain', { 'compose.yaml': compose('volumes: [./data:/data]') });
  const plainSettings = join(mkdtempSync(join(tmpdir(), 'parity-trust-')), 'config.json');
  afterAll(() => removeProject(docker, name));

  it('starts as before, without a prompt, and records nothing', async () => {
    const run = await runParity(['up', '-d', '--project-directory', dir, '-p', name], {
      ...process.env,
      PARITY_SETTINGS: plainSettings,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('host-level power');
    expect((await containersOf(name))[0]?.State).toBe('running');
    expect(existsSync(plainSettings)).toBe(false);
  });
});
