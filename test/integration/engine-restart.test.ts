import { networkInterfaces } from 'node:os';
import type { Readable } from 'node:stream';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LogLine } from '../../src/shared/logs';
import { COMPOSE_LABEL } from '../../src/main/engine/compose-labels';
import { DockerEngine } from '../../src/main/engine/docker-engine';
import { watchEngine, type WatchEvent } from '../../src/main/engine/engine-watcher';
import { followProjectLogs, type LogsHandle } from '../../src/main/engine/logs/follow-logs';
import { TEST_IMAGE, uniqueProjectName } from '../support/engine';
import { PrivateDockerd, privateDockerdUnavailable } from './private-dockerd';

// The engine is restarted under a running `logs -f` and event watcher. Not the machine's
// engine, which other tests and people use: a private one on its own socket and roots.
const unavailable = await privateDockerdUnavailable();
if (unavailable) console.warn(`engine restart test skipped: ${unavailable}`);

const project = uniqueProjectName('parity-restart');
let daemon: PrivateDockerd;
let engine: DockerEngine;
// The machine's engine bridge, which a careless second dockerd deletes (see private-dockerd).
const hasDocker0 = (): boolean => 'docker0' in networkInterfaces();
const docker0Before = hasDocker0();

// Prints "run R line N" every 50 ms. Both counters live in a volume, so a restarted container
// carries on from the last line it printed: a gap in N is a lost line, R tells the runs apart.
// A SIGTERM only ends the loop between iterations, so a line is never printed twice.
const PRINTER = [
  'stop=; trap "stop=1" TERM',
  'r=$(( $(cat /data/r 2>/dev/null || echo 0) + 1 )); echo $r > /data/r',
  'n=$(cat /data/n 2>/dev/null || echo 0)',
  'while [ -z "$stop" ]; do n=$((n+1)); echo "run $r line $n"; echo $n > /data/n; sleep 0.05; done',
].join('\n');

interface Numbered {
  run: number;
  line: number;
}

function numbered(texts: string[]): Numbered[] {
  return texts.map((text) => {
    const match = /^run (\d+) line (\d+)$/.exec(text);
    if (!match) throw new Error(`not a counter line: ${text}`);
    return { run: Number(match[1]), line: Number(match[2]) };
  });
}

// The engine's own record of the container's output: what a reader ought to have received.
async function groundTruth(): Promise<string[]> {
  const lines: string[] = [];
  const handle = await followProjectLogs(engine, project, {
    follow: false,
    onBatch: (batch) => lines.push(...batch.lines.map((l) => l.text)),
  });
  await handle.done;
  return lines;
}

async function drain(stream: Readable): Promise<void> {
  for await (const chunk of stream) void chunk;
}

beforeAll(async () => {
  if (unavailable) return;
  daemon = await PrivateDockerd.start();
  engine = new DockerEngine(daemon.docker, daemon.endpoint);
  const image = await new Docker().getImage(TEST_IMAGE).get();
  await drain((await daemon.docker.loadImage(image)) as Readable);
}, 90_000);

afterAll(async () => {
  await daemon?.destroy();
  expect(hasDocker0()).toBe(docker0Before);
}, 90_000);

describe.skipIf(unavailable !== null)('an engine restart', () => {
  it('is survived by logs -f and the event watcher: no line lost or repeated, events resumed', async () => {
    const events: WatchEvent[] = [];
    const watcher = watchEngine(engine);
    const unsubscribe = watcher.subscribe((event) => events.push(event), { project });
    let handle: LogsHandle | null = null;
    try {
      await watcher.ready();
      const lines: LogLine[] = [];
      const errors: Error[] = [];
      handle = await followProjectLogs(engine, project, {
        follow: true,
        onBatch: (batch) => lines.push(...batch.lines),
        onError: (error) => errors.push(error),
      });
      const id = await engine.createContainer({
        name: `${project}-counter-1`,
        Image: TEST_IMAGE,
        Cmd: ['sh', '-c', PRINTER],
        Labels: {
          [COMPOSE_LABEL.project]: project,
          [COMPOSE_LABEL.service]: 'counter',
          [COMPOSE_LABEL.containerNumber]: '1',
          [COMPOSE_LABEL.oneoff]: 'False',
        },
        HostConfig: {
          NetworkMode: 'none',
          RestartPolicy: { Name: 'always' },
          Binds: [`${project}_data:/data`],
        },
        StopTimeout: 5,
      });
      await engine.startContainer(id);
      const received = (): Numbered[] => numbered(lines.map((l) => l.text));
      const runs = (): Set<number> => new Set(received().map((l) => l.run));
      const seen = (run: number, count: number): void =>
        expect(received().filter((l) => l.run === run).length).toBeGreaterThanOrEqual(count);
      const starts = (): WatchEvent[] =>
        events.filter((e) => e.type === 'container' && e.action === 'start');
      await vi.waitFor(() => seen(1, 20), { timeout: 20_000, interval: 50 });

      // A graceful restart (systemctl restart docker): the engine stops the container itself.
      await daemon.kill('SIGTERM');
      await vi.waitFor(() => expect(watcher.reachable).toBe(false), { timeout: 10_000 });
      await daemon.launch();
      await vi.waitFor(() => seen(2, 20), { timeout: 30_000, interval: 50 });
      await vi.waitFor(() => expect(starts()).toHaveLength(2), { timeout: 10_000 });

      // A crash: the engine dies at once and finds its container still running when back.
      await daemon.kill('SIGKILL');
      await vi.waitFor(() => expect(watcher.reachable).toBe(false), { timeout: 10_000 });
      await daemon.launch();
      await vi.waitFor(() => seen(3, 20), { timeout: 30_000, interval: 50 });
      await vi.waitFor(() => expect(starts()).toHaveLength(3), { timeout: 10_000 });

      // Stopped for good, its log ends; then the reader must hold exactly the engine's record.
      await engine.stopContainer(id, 5);
      const truth = await groundTruth();
      await vi.waitFor(() => expect(lines.length).toBeGreaterThanOrEqual(truth.length), {
        timeout: 10_000,
      });
      // Time for a late duplicate to show up, were there one.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(errors).toEqual([]);
      expect(lines.map((l) => l.text)).toEqual(truth);
      expect([...runs()]).toEqual([1, 2, 3]);

      const counted = received();
      // Never a line twice, never out of order.
      for (let i = 1; i < counted.length; i++) {
        expect(counted[i]?.line).toBeGreaterThan(counted[i - 1]?.line ?? 0);
      }
      // Across the graceful restart the counter carries on without a gap: nothing was lost.
      // (A crashed engine drops what the container printed while nothing read its output, so
      // only the engine's record, checked above, says what run 3 should have shown.)
      const upTo3 = counted.filter((l) => l.run < 3);
      expect(upTo3.map((l) => l.line)).toEqual(upTo3.map((_, i) => i + 1));

      // The watcher saw the engine go and come back twice, and every start exactly once.
      const reachability = events.flatMap((e) => (e.type === 'engine' ? [e.reachable] : []));
      expect(reachability).toEqual([true, false, true, false, true]);
      const keys = events.flatMap((e) =>
        e.type === 'container' ? [`${e.time} ${e.containerId} ${e.action}`] : [],
      );
      expect(new Set(keys).size).toBe(keys.length);
      expect(starts().every((e) => e.type === 'container' && e.containerId === id)).toBe(true);
    } finally {
      await handle?.stop();
      unsubscribe();
    }
  }, 150_000);
});
