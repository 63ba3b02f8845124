import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DockerEngine } from '../../../src/main/engine/docker-engine';
import { EngineWatcher, type WatchEvent } from '../../../src/main/engine/engine-watcher';

// An engine whose /events answers are scripted: each subscription gets a fresh stream the
// test writes into, unless the engine is "down".
function fakeEngine() {
  const subscriptions: { since: string | undefined; stream: PassThrough }[] = [];
  let down: NodeJS.ErrnoException | null = null;
  const engine = {
    composeEventStream: (since?: string) => {
      if (down) return Promise.reject(down);
      const stream = new PassThrough();
      subscriptions.push({ since, stream });
      return Promise.resolve({ stream, openedAt: '1714979280' });
    },
  } as unknown as DockerEngine;
  return {
    engine,
    subscriptions,
    current: () => subscriptions[subscriptions.length - 1]?.stream,
    setDown(isDown: boolean) {
      down = isDown
        ? Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), {
            code: 'ECONNREFUSED',
          })
        : null;
    },
  };
}

function emit(
  stream: PassThrough | undefined,
  id: string,
  project: string,
  action: string,
  nanos: number,
) {
  stream?.write(
    JSON.stringify({
      Type: 'container',
      Action: action,
      Actor: {
        ID: id,
        Attributes: {
          'com.docker.compose.project': project,
          'com.docker.compose.service': 'web',
          name: `${project}-web-1`,
        },
      },
    }).replace(/}$/, `,"timeNano":${1714979289000000000n + BigInt(nanos)}}`) + '\n',
  );
}

const containerEvents = (events: WatchEvent[]): string[] =>
  events.flatMap((e) =>
    e.type === 'container' ? [`${e.project} ${e.containerId} ${e.action}`] : [],
  );
const engineEvents = (events: WatchEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'engine' ? [`${e.reachable} ${e.reason ?? ''}`.trim()] : []));

let unsubscribes: (() => void)[] = [];
afterEach(() => {
  for (const unsubscribe of unsubscribes) unsubscribe();
  unsubscribes = [];
});

function subscribe(watcher: EngineWatcher, project?: string): WatchEvent[] {
  const events: WatchEvent[] = [];
  unsubscribes.push(watcher.subscribe((e) => events.push(e), project ? { project } : {}));
  return events;
}

describe('EngineWatcher', () => {
  it('shares one subscription, delivers at once, and filters by project', async () => {
    const fake = fakeEngine();
    const watcher = new EngineWatcher(fake.engine);
    const all = subscribe(watcher);
    const shop = subscribe(watcher, 'shop');
    await watcher.ready();
    expect(fake.subscriptions).toHaveLength(1);
    expect(fake.subscriptions[0]?.since).toBeUndefined();
    emit(fake.current(), 'c1', 'shop', 'start', 1);
    emit(fake.current(), 'c2', 'blog', 'die', 2);
    // Written and parsed in the same turn: no batching delay.
    await new Promise((resolve) => setImmediate(resolve));
    expect(containerEvents(all)).toEqual(['shop c1 start', 'blog c2 die']);
    expect(containerEvents(shop)).toEqual(['shop c1 start']);
    expect(shop[1]).toMatchObject({
      type: 'container',
      service: 'web',
      name: 'shop-web-1',
      time: '2024-05-06T07:08:09.000000001Z',
    });
    expect(engineEvents(all)).toEqual(['true']);
    expect(watcher.reachable).toBe(true);
  });

  it('resumes after a break from the last event, without repeats or losses', async () => {
    const fake = fakeEngine();
    const watcher = new EngineWatcher(fake.engine, { minDelayMs: 1, maxDelayMs: 5 });
    const events = subscribe(watcher, 'shop');
    await watcher.ready();
    emit(fake.current(), 'c1', 'shop', 'start', 100);
    emit(fake.current(), 'c1', 'shop', 'die', 200);
    await new Promise((resolve) => setImmediate(resolve));
    fake.current()?.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    await vi.waitFor(() => expect(fake.subscriptions).toHaveLength(2));
    // One second before the last event, so that one stamped earlier but sent later is kept.
    expect(fake.subscriptions[1]?.since).toBe('1714979288.000000200');
    emit(fake.current(), 'c1', 'shop', 'start', 100);
    emit(fake.current(), 'c1', 'shop', 'die', 200);
    emit(fake.current(), 'c1', 'shop', 'start', 300);
    await vi.waitFor(() => expect(containerEvents(events)).toHaveLength(3));
    expect(containerEvents(events)).toEqual(['shop c1 start', 'shop c1 die', 'shop c1 start']);
    expect(engineEvents(events)).toEqual([
      'true',
      'false lost the connection to the engine',
      'true',
    ]);
  });

  it('reports the engine unreachable while it is down, and reachable when it is back', async () => {
    const fake = fakeEngine();
    const watcher = new EngineWatcher(fake.engine, { minDelayMs: 1, maxDelayMs: 5 });
    fake.setDown(true);
    const events = subscribe(watcher);
    await expect(watcher.ready()).rejects.toThrow(/ECONNREFUSED/);
    await vi.waitFor(() => expect(events).toHaveLength(1));
    // Several more attempts fail without repeating the news.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(engineEvents(events)).toEqual(['false connection refused: is the engine running?']);
    expect(watcher.reachable).toBe(false);
    fake.setDown(false);
    await watcher.ready();
    expect(engineEvents(events)).toEqual([
      'false connection refused: is the engine running?',
      'true',
    ]);
    // No event was seen yet: the resume starts from when the first stream opened.
    fake.current()?.end();
    await vi.waitFor(() => expect(fake.subscriptions).toHaveLength(2));
    expect(fake.subscriptions[1]?.since).toBe('1714979279.000000000');
  });

  it('closes the stream with the last subscriber and stops reconnecting', async () => {
    const fake = fakeEngine();
    const watcher = new EngineWatcher(fake.engine, { minDelayMs: 1, maxDelayMs: 5 });
    const first = watcher.subscribe(() => undefined);
    const second = watcher.subscribe(() => undefined);
    await watcher.ready();
    const stream = fake.current();
    first();
    expect(stream?.destroyed).toBe(false);
    second();
    expect(stream?.destroyed).toBe(true);
    expect(watcher.reachable).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.subscriptions).toHaveLength(1);
  });

  it('starts a new session from now, not from where a closed one stopped', async () => {
    const fake = fakeEngine();
    const watcher = new EngineWatcher(fake.engine, { minDelayMs: 1, maxDelayMs: 5 });
    const first = watcher.subscribe(() => undefined);
    await watcher.ready();
    emit(fake.current(), 'c1', 'shop', 'start', 100);
    await new Promise((resolve) => setTimeout(resolve, 5));
    first();
    const events: WatchEvent[] = [];
    const second = watcher.subscribe((event) => events.push(event));
    await watcher.ready();
    second();
    // Replaying the first session's events would show this subscriber a start long past.
    expect(fake.subscriptions.map((s) => s.since)).toEqual([undefined, undefined]);
    expect(containerEvents(events)).toEqual([]);
  });

  it('keeps delivering to the others when one subscriber throws', async () => {
    const fake = fakeEngine();
    const watcher = new EngineWatcher(fake.engine);
    const thrown: unknown[] = [];
    const onUncaught = (error: unknown) => thrown.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      unsubscribes.push(
        watcher.subscribe((e) => {
          if (e.type === 'container') throw new Error('subscriber bug');
        }),
      );
      const events = subscribe(watcher);
      await watcher.ready();
      emit(fake.current(), 'c1', 'shop', 'start', 1);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(containerEvents(events)).toEqual(['shop c1 start']);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
