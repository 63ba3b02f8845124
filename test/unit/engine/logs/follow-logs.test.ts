import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { LogBatch } from '../../../../src/shared/logs';
import type { DockerEngine } from '../../../../src/main/engine/docker-engine';
import { followProjectLogs } from '../../../../src/main/engine/logs/follow-logs';
import { frame, stamp } from './frames';

interface FakeContainer {
  service: string;
  tty?: boolean;
  oneoff?: boolean;
  finishedAt?: string;
}
interface LogsCall {
  id: string;
  options: { follow: boolean; tail?: number | 'all'; since?: string };
  stream: PassThrough;
}

// Just the engine calls followProjectLogs makes, with streams the test writes into.
function fakeEngine(containers: Record<string, FakeContainer>) {
  const calls: LogsCall[] = [];
  const events = new PassThrough();
  const labels = (c: FakeContainer): Record<string, string> => ({
    'com.docker.compose.project': 'p',
    'com.docker.compose.service': c.service,
    'com.docker.compose.oneoff': c.oneoff ? 'True' : 'False',
  });
  const engine = {
    listProjectContainers: () =>
      Promise.resolve(Object.entries(containers).map(([Id, c]) => ({ Id, Labels: labels(c) }))),
    inspectContainer: (id: string) => {
      const c = containers[id];
      if (!c) return Promise.reject(Object.assign(new Error('gone'), { statusCode: 404 }));
      return Promise.resolve({
        Name: `/p-${c.service}-1`,
        Config: { Tty: c.tty === true, Labels: labels(c) },
        State: { FinishedAt: c.finishedAt ?? '0001-01-01T00:00:00Z' },
      });
    },
    containerLogs: (id: string, options: LogsCall['options']) => {
      const stream = new PassThrough();
      calls.push({ id, options, stream });
      return Promise.resolve(stream);
    },
    projectContainerEventStream: () => Promise.resolve(events),
  };
  // Without `c`, a container removed before it could be read.
  const start = (id: string, c?: FakeContainer): void => {
    if (c) containers[id] = c;
    const attributes = labels(c ?? { service: 'web' });
    events.write(
      JSON.stringify({
        Type: 'container',
        Action: 'start',
        Actor: { ID: id, Attributes: attributes },
      }) + '\n',
    );
  };
  return { engine: engine as unknown as DockerEngine, calls, events, start };
}

function recorder() {
  const batches: LogBatch[] = [];
  const texts = (): string[] =>
    batches.flatMap((b) => b.lines.map((l) => `${l.container} ${l.stream} ${l.text}`));
  return { batches, texts, onBatch: (batch: LogBatch) => batches.push(batch) };
}

describe('followProjectLogs', () => {
  it('reads each wanted container once, demultiplexed or raw, and merges them in time order', async () => {
    const { engine, calls } = fakeEngine({
      a: { service: 'web' },
      b: { service: 'tty', tty: true },
      c: { service: 'db' },
      d: { service: 'web', oneoff: true },
    });
    const rec = recorder();
    const handle = await followProjectLogs(engine, 'p', {
      services: ['web', 'tty'],
      follow: false,
      tail: 2,
      onBatch: rec.onBatch,
      batch: { intervalMs: 1000 },
    });
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(calls.map((c) => c.id).sort()).toEqual(['a', 'b']);
    for (const call of calls) expect(call.options).toEqual({ follow: false, tail: 2 });
    const web = calls.find((c) => c.id === 'a')?.stream;
    const tty = calls.find((c) => c.id === 'b')?.stream;
    web?.end(
      Buffer.concat([
        frame(1, `${stamp(1)} out\n`),
        frame(2, `${stamp(4)} err\n`),
        frame(1, `${stamp(5)} partial`),
      ]),
    );
    tty?.end(`${stamp(2)} tty one\r\n${stamp(3)} tty two\r\n`);
    await handle.done;
    expect(rec.batches).toHaveLength(1);
    expect(rec.texts()).toEqual([
      'p-web-1 stdout out',
      'p-tty-1 stdout tty one',
      'p-tty-1 stdout tty two',
      'p-web-1 stderr err',
      'p-web-1 stdout partial',
    ]);
    expect(handle.history('tty').map((l) => l.text)).toEqual(['tty one', 'tty two']);
  });

  it('with follow, reads a container that starts later from its start, and resumes a restarted one without repeating lines', async () => {
    const { engine, calls, events, start } = fakeEngine({ a: { service: 'web' } });
    const rec = recorder();
    const onError = vi.fn();
    const handle = await followProjectLogs(engine, 'p', {
      follow: true,
      onError,
      tail: 0,
      onBatch: rec.onBatch,
      batch: { intervalMs: 1 },
    });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.options).toEqual({ follow: true, tail: 0 });
    calls[0]?.stream.write(frame(1, `${stamp(10)} web up\n`));

    start('b', { service: 'worker' });
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]?.options).toEqual({ follow: true });
    calls[1]?.stream.write(frame(1, `${stamp(11)} worker up\n`));

    // A start seen while the container's log is still open is read after it closes.
    start('a', { service: 'web', finishedAt: '2024-05-06T07:08:09.000000005Z' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toHaveLength(2);
    calls[0]?.stream.end(frame(1, `${stamp(12)} web down\n`));
    await vi.waitFor(() => expect(calls).toHaveLength(3));
    expect(calls[2]?.options).toEqual({ follow: true, since: '1714979289.000000012' });
    calls[2]?.stream.write(
      Buffer.concat([frame(1, `${stamp(12)} web down\n`), frame(1, `${stamp(13)} web again\n`)]),
    );

    start('gone');
    await vi.waitFor(() => expect(rec.texts()).toContain('p-web-1 stdout web again'));
    await handle.stop();
    expect(onError).not.toHaveBeenCalled();
    expect(events.destroyed).toBe(true);
    expect(calls.every((c) => c.stream.destroyed)).toBe(true);
    expect(rec.texts()).toEqual([
      'p-web-1 stdout web up',
      'p-worker-1 stdout worker up',
      'p-web-1 stdout web down',
      'p-web-1 stdout web again',
    ]);
  });
});
