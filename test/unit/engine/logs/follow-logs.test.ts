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
  running?: boolean;
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
  // While set, every call fails as with an engine that is not there.
  const engineState = { down: false, logsError: null as NodeJS.ErrnoException | null };
  const refused = () =>
    Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
  const labels = (c: FakeContainer): Record<string, string> => ({
    'com.docker.compose.project': 'p',
    'com.docker.compose.service': c.service,
    'com.docker.compose.oneoff': c.oneoff ? 'True' : 'False',
  });
  const engine = {
    listProjectContainers: () =>
      Promise.resolve(Object.entries(containers).map(([Id, c]) => ({ Id, Labels: labels(c) }))),
    inspectContainer: (id: string) => {
      if (engineState.down) return refused();
      const c = containers[id];
      if (!c) return Promise.reject(Object.assign(new Error('gone'), { statusCode: 404 }));
      return Promise.resolve({
        Name: `/p-${c.service}-1`,
        Config: { Tty: c.tty === true, Labels: labels(c) },
        State: { FinishedAt: c.finishedAt ?? '0001-01-01T00:00:00Z', Running: c.running === true },
      });
    },
    containerLogs: (id: string, options: LogsCall['options']) => {
      if (engineState.down) return refused();
      const failure = engineState.logsError;
      engineState.logsError = null;
      if (failure) return Promise.reject(failure);
      const stream = new PassThrough();
      calls.push({ id, options, stream });
      return Promise.resolve(stream);
    },
    composeEventStream: () => Promise.resolve({ stream: events, openedAt: null }),
  };
  let clock = 0;
  // Without `c`, a container removed before it could be read.
  const start = (id: string, c?: FakeContainer): void => {
    if (c) containers[id] = c;
    const attributes = labels(c ?? { service: 'web' });
    events.write(
      JSON.stringify({
        Type: 'container',
        Action: 'start',
        Actor: { ID: id, Attributes: attributes },
        timeNano: 1714979289000000000 + ++clock,
      }) + '\n',
    );
  };
  return { engine: engine as unknown as DockerEngine, calls, events, start, engineState };
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

describe('followProjectLogs across a broken connection', () => {
  it('resumes a log whose connection broke after the last line delivered, quietly while the engine is away', async () => {
    const { engine, calls, engineState } = fakeEngine({ a: { service: 'web', running: true } });
    const rec = recorder();
    const onError = vi.fn();
    const handle = await followProjectLogs(engine, 'p', {
      follow: true,
      onError,
      onBatch: rec.onBatch,
      batch: { intervalMs: 1 },
    });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    calls[0]?.stream.write(frame(1, `${stamp(1)} one\n${stamp(2)} tw`));
    await vi.waitFor(() => expect(rec.texts()).toEqual(['p-web-1 stdout one']));
    // The engine goes away mid-line: the part that came is left for the resumed read.
    engineState.down = true;
    calls[0]?.stream.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(calls).toHaveLength(1);
    engineState.down = false;
    await vi.waitFor(() => expect(calls).toHaveLength(2), { timeout: 3000 });
    expect(calls[1]?.options).toEqual({ follow: true, since: '1714979289.000000001' });
    // The engine repeats the line at `since`, delivered already.
    calls[1]?.stream.write(
      Buffer.concat([
        frame(1, `${stamp(1)} one\n`),
        frame(1, `${stamp(2)} two\n`),
        frame(1, `${stamp(3)} three\n`),
      ]),
    );
    await vi.waitFor(() => expect(rec.texts()).toContain('p-web-1 stdout three'));
    await handle.stop();
    expect(onError).not.toHaveBeenCalled();
    expect(rec.texts()).toEqual([
      'p-web-1 stdout one',
      'p-web-1 stdout two',
      'p-web-1 stdout three',
    ]);
  });

  it('tries again, quietly, when the request for a log fails on a closing connection', async () => {
    const { engine, calls, engineState } = fakeEngine({ a: { service: 'web', running: true } });
    engineState.logsError = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    const onError = vi.fn();
    const handle = await followProjectLogs(engine, 'p', {
      follow: true,
      onError,
      onBatch: () => undefined,
    });
    await vi.waitFor(() => expect(calls).toHaveLength(1), { timeout: 3000 });
    await handle.stop();
    expect(onError).not.toHaveBeenCalled();
  });

  it('reports an error the engine answered with, and does not try again', async () => {
    const { engine, calls, engineState } = fakeEngine({ a: { service: 'web', running: true } });
    engineState.logsError = Object.assign(new Error('server error'), { statusCode: 500 });
    const onError = vi.fn();
    const handle = await followProjectLogs(engine, 'p', {
      follow: true,
      onError,
      onBatch: () => undefined,
    });
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(calls).toHaveLength(0);
    await handle.stop();
  });

  it('resumes a tail-0 read that broke before any line from when it began, not from the start', async () => {
    const { engine, calls } = fakeEngine({ a: { service: 'web', running: true } });
    const rec = recorder();
    const before = Date.now();
    const handle = await followProjectLogs(engine, 'p', {
      follow: true,
      tail: 0,
      onBatch: rec.onBatch,
      batch: { intervalMs: 1 },
    });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    calls[0]?.stream.destroy();
    await vi.waitFor(() => expect(calls).toHaveLength(2), { timeout: 3000 });
    const since = Number(calls[1]?.options.since);
    expect(since * 1000).toBeGreaterThanOrEqual(before - 1);
    expect(since * 1000).toBeLessThanOrEqual(Date.now());
    expect(calls[1]?.options.tail).toBeUndefined();
    await handle.stop();
  });

  it('resumes a log the engine ended while its container runs on', async () => {
    const { engine, calls } = fakeEngine({ a: { service: 'web', running: true } });
    const rec = recorder();
    const handle = await followProjectLogs(engine, 'p', {
      follow: true,
      onBatch: rec.onBatch,
      batch: { intervalMs: 1 },
    });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    calls[0]?.stream.end(frame(1, `${stamp(5)} five\n`));
    await vi.waitFor(() => expect(calls).toHaveLength(2), { timeout: 3000 });
    expect(calls[1]?.options).toEqual({ follow: true, since: '1714979289.000000005' });
    await handle.stop();
    expect(rec.texts()).toEqual(['p-web-1 stdout five']);
  });
});
