import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LogBatchSchema, type LogLine } from '../../src/shared/logs';
import { logsCommand } from '../../src/main/cli/commands/logs';
import { UsageError, type CommandArgs } from '../../src/main/cli/command';
import { loadProject, type LoadedProject } from '../../src/main/config/load-project';
import { COMPOSE_LABEL } from '../../src/main/engine/compose-labels';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { down } from '../../src/main/engine/down';
import { followProjectLogs, type FollowLogsOptions } from '../../src/main/engine/logs/follow-logs';
import { up } from '../../src/main/engine/up';
import { connectTestEngine, TEST_IMAGE, uniqueProjectName } from '../support/engine';
import { makeProject } from '../support/project-dir';

const engine = DockerEngine.fromEnvironment();
let docker: Docker;
const name = uniqueProjectName('parity-it-logs');
const dir = makeProject('logs', {
  'compose.yaml': [
    'services:',
    '  talker:',
    `    image: ${TEST_IMAGE}`,
    '    init: true',
    // The "a" goes out without a newline; "b" completes the line a second later.
    '    command: [sh, -c, "echo out-1; echo err-1 >&2; echo out-2; echo err-2 >&2; printf a; sleep 1; echo b; echo last; sleep 600"]',
    '  late:',
    `    image: ${TEST_IMAGE}`,
    '    init: true',
    '    command: [sh, -c, "echo late-hello; sleep 600"]',
    '',
  ].join('\n'),
});

function load(): LoadedProject {
  const { project, diagnostics } = loadProject({ dir, projectName: name, env: {} });
  if (!project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return project;
}

// Compose has no `tty: true` in Parity's model yet, so the TTY service is made by hand.
async function startTtyContainer(): Promise<Docker.Container> {
  const container = await docker.createContainer({
    name: `${name}-tty-1`,
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', 'echo tty-line; sleep 600'],
    Tty: true,
    Labels: {
      [COMPOSE_LABEL.project]: name,
      [COMPOSE_LABEL.service]: 'tty',
      [COMPOSE_LABEL.containerNumber]: '1',
      [COMPOSE_LABEL.oneoff]: 'False',
    },
    HostConfig: { Init: true },
  });
  await container.start();
  return container;
}

async function readLogs(options: Partial<FollowLogsOptions> = {}): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  const handle = await followProjectLogs(engine, name, {
    follow: false,
    ...options,
    onBatch: (batch) => lines.push(...LogBatchSchema.parse(batch).lines),
  });
  await handle.done;
  return lines;
}

const texts = (lines: LogLine[], service: string, stream = 'stdout'): string[] =>
  lines.filter((l) => l.service === service && l.stream === stream).map((l) => l.text);

let tty: Docker.Container;

beforeAll(async () => {
  docker = await connectTestEngine();
  const result = await up(engine, load(), { services: ['talker'] });
  expect(result.failed).toEqual([]);
  tty = await startTtyContainer();
  await vi.waitFor(
    async () => expect(texts(await readLogs({ services: ['talker'] }), 'talker')).toContain('last'),
    { timeout: 20_000, interval: 250 },
  );
});

afterAll(() => down(engine, name, { volumes: true, timeoutSeconds: 0 }));

describe('project logs on the real engine', () => {
  it('splits stdout from stderr, joins a line printed in two goes, and reads a TTY raw', async () => {
    const lines = await readLogs();
    expect(texts(lines, 'talker')).toEqual(['out-1', 'out-2', 'ab', 'last']);
    expect(texts(lines, 'talker', 'stderr')).toEqual(['err-1', 'err-2']);
    // A TTY ends lines with \r\n and has no stderr of its own.
    expect(texts(lines, 'tty')).toEqual(['tty-line']);
    expect(lines.find((l) => l.service === 'tty')?.container).toBe(`${name}-tty-1`);
    const times = lines.map((l) => l.timestamp);
    expect(times).toEqual([...times].sort());
  });

  it('keeps the last lines of each container with tail, and only the services asked for', async () => {
    const lines = await readLogs({ tail: 2, services: ['talker'] });
    expect(lines.map((l) => l.text)).toEqual(['ab', 'last']);
  });

  it('with follow, picks up a container started later and a restarted one, repeating nothing', async () => {
    const lines: LogLine[] = [];
    const handle = await followProjectLogs(engine, name, {
      follow: true,
      tail: 0,
      onBatch: (batch) => lines.push(...batch.lines),
    });
    try {
      const result = await up(engine, load(), { services: ['late'] });
      expect(result.failed).toEqual([]);
      await tty.restart({ t: 0 });
      await vi.waitFor(
        () => {
          expect(texts(lines, 'late')).toEqual(['late-hello']);
          expect(texts(lines, 'tty')).toEqual(['tty-line']);
        },
        { timeout: 20_000, interval: 100 },
      );
      // Time for a duplicate to show up, were there one.
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await handle.stop();
    }
    expect(lines.map((l) => `${l.service} ${l.text}`).sort()).toEqual([
      'late late-hello',
      'tty tty-line',
    ]);
  });
});

describe('parity logs', () => {
  // Starts the command in-process; the caller awaits `running` when it wants the exit code.
  function run(values: CommandArgs['values'], positionals: string[] = []) {
    let out = '';
    let err = '';
    const running = logsCommand.run(
      { values: { 'project-directory': dir, 'project-name': name, ...values }, positionals },
      { out: (text) => (out += text), err: (text) => (err += text), env: process.env },
    );
    return { running, out: () => out, err: () => err };
  }

  it('prefixes each line with its container, without the project', async () => {
    const { running, out } = run({}, ['talker', 'late']);
    expect(await running).toBe(0);
    const lines = out().split('\n');
    expect(lines).toContain('talker-1  | out-1');
    expect(lines).toContain('talker-1  | err-2');
    expect(lines).toContain('talker-1  | ab');
    expect(lines).toContain('late-1    | late-hello');
    expect(out()).not.toContain('tty-line');
    expect(out()).not.toContain('\u001b[');
  });

  it('shows timestamps with -t, from the end with --tail', async () => {
    const { running, out } = run({ timestamps: true, tail: '1' }, ['talker']);
    expect(await running).toBe(0);
    expect(out()).toMatch(/^talker-1 {2}\| \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z last\n$/);
  });

  it('follows until Ctrl+C, then exits 0', async () => {
    const { running, out } = run({ follow: true, tail: '1' }, ['late']);
    await vi.waitFor(() => expect(out()).toBe('late-1  | late-hello\n'), { timeout: 10_000 });
    process.emit('SIGINT');
    expect(await running).toBe(0);
  });

  it('refuses an unknown service or a bad --tail', async () => {
    await expect(run({}, ['nope']).running).rejects.toThrow(UsageError);
    await expect(run({ tail: 'some' }).running).rejects.toThrow(/--tail expects/);
  });
});
