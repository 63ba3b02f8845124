import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { traceHandlers } from '../../../src/main/api/trace-handlers';
import { loadProject } from '../../../src/main/config/load-project';
import { SenderProjects } from '../../../src/main/traces/container-bridges';
import { startReceiver, type RunningReceiver } from '../../../src/main/traces/receiver';
import type { Span } from '../../../src/main/traces/span';
import { TraceHub } from '../../../src/main/traces/trace-hub';
import type { ApiSession } from '../../../src/shared/api/contract';
import { lines, makeProject } from '../../support/project-dir';

const SESSION: ApiSession = { id: 't', emit: () => undefined, onClose: () => undefined };

// shop calls stock, named by the client; `n` keeps ids apart.
function call(n: number, error = false): Span[] {
  return [
    {
      traceId: `7${n}`,
      id: `1${n}`,
      parentId: null,
      kind: 'CLIENT',
      service: 'shop',
      remoteService: 'stock',
      remoteHost: null,
      durationMs: 10,
      error,
      shared: false,
    },
  ];
}

// Two projects, both with a shop and a stock, as two checkouts of one repository would be.
function project(name: string): string {
  return makeProject(name, {
    'compose.yaml': lines(
      'services:',
      '  shop: { image: "busybox:1.37" }',
      '  stock: { image: "busybox:1.37" }',
    ),
  });
}

describe('which project posted spans: the sender’s address', () => {
  let hub: TraceHub | null = null;
  let receiver: RunningReceiver | null = null;
  afterEach(async () => {
    await receiver?.close();
    hub?.close();
  });

  it('counts a call for the project whose container sent it; unknown senders by name for both', async () => {
    hub = new TraceHub();
    const projects: Record<string, string> = {
      '172.30.0.2': 'alpha',
      '::ffff:172.31.0.2': 'beta',
    };
    hub.senders = { projectOf: (ip) => Promise.resolve(projects[ip] ?? null) };
    await hub.add(call(1), '172.30.0.2');
    await hub.add(call(2), '172.30.0.2');
    await hub.add(call(3, true), '::ffff:172.31.0.2');
    // The host itself (a process outside containers) and an unknown container: by name.
    await hub.add(call(4), '127.0.0.1');
    await hub.add(call(5), '172.29.0.9');
    const dirs = { alpha: project('alpha'), beta: project('beta') };
    const handlers = traceHandlers(
      { load: (id) => Promise.resolve(loadProject({ dir: id, env: {} })) },
      hub,
    );
    const alpha = await handlers['traces.edges']({ project: dirs.alpha }, SESSION);
    const beta = await handlers['traces.edges']({ project: dirs.beta }, SESSION);
    expect(alpha.edges.map((e) => [e.from, e.to, e.calls, e.failures])).toEqual([
      ['shop', 'stock', 4, 0],
    ]);
    expect(beta.edges.map((e) => [e.from, e.to, e.calls, e.failures])).toEqual([
      ['shop', 'stock', 3, 1],
    ]);
    expect(alpha.outside).toEqual([]);
    // Read without a project (by name, as the tray may), the names are the services' own.
    expect(hub.edges().map((e) => `${e.from} → ${e.to.name}: ${e.calls}`)).toEqual([
      'shop → stock: 2',
      'shop → stock: 1',
      'shop → stock: 2',
    ]);
  });

  it('hands the receiver’s peer address to the hub', async () => {
    const senders: (string | undefined)[] = [];
    receiver = await startReceiver({
      sink: { add: (_spans, sender) => void senders.push(sender) },
      ports: { zipkin: 0, otlp: 0 },
    });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(receiver!.zipkinUrl, { method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('[]');
    });
    expect(status).toBe(202);
    expect(senders).toHaveLength(1);
    expect(senders[0]).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });
});

describe('SenderProjects', () => {
  type Listing = { project: string; addresses: string[] }[];
  // A clock that moves a millisecond each time it is read, and an engine answering in turn.
  function senders(answers: (() => Promise<Listing>)[], tick = 1) {
    let clock = 0;
    const asked = { count: 0 };
    const lookup = new SenderProjects(
      () => {
        const answer = answers[Math.min(asked.count, answers.length - 1)]!;
        asked.count++;
        return answer();
      },
      () => (clock += tick),
      10_000,
      0,
    );
    return { lookup, asked, wait: (ms: number) => (clock += ms) };
  }
  const listing = (entries: Listing) => () => Promise.resolve(entries);
  const ALPHA = { project: 'alpha', addresses: ['172.30.0.2'] };
  const BETA = { project: 'beta', addresses: ['172.31.0.2'] };

  it('knows a listed address, and asks again only when its listing is old', async () => {
    const { lookup, asked, wait } = senders([listing([ALPHA]), listing([BETA])]);
    expect(await lookup.projectOf('::ffff:172.30.0.2')).toBe('alpha');
    expect(await lookup.projectOf('172.30.0.2')).toBe('alpha');
    expect(asked.count).toBe(1);
    wait(20_000);
    expect(await lookup.projectOf('172.30.0.2')).toBeNull();
  });

  it('finds a container that posted before the engine listed it as running', async () => {
    const { lookup } = senders([listing([ALPHA]), listing([ALPHA, BETA])]);
    const together = await Promise.all([
      lookup.projectOf('172.31.0.2'),
      lookup.projectOf('172.31.0.2'),
    ]);
    expect(together).toEqual(['beta', 'beta']);
  });

  it('lists once for senders that arrive together', async () => {
    const { lookup, asked } = senders([listing([ALPHA, BETA])], 0);
    const together = await Promise.all(
      ['172.30.0.2', '172.31.0.2', '172.30.0.2'].map((ip) => lookup.projectOf(ip)),
    );
    expect(together).toEqual(['alpha', 'beta', 'alpha']);
    expect(asked.count).toBe(1);
  });

  it('does not ask again for a while about a sender that is no Compose container', async () => {
    const { lookup, asked, wait } = senders([listing([ALPHA])]);
    expect(await lookup.projectOf('172.29.0.9')).toBeNull();
    const after = asked.count;
    expect(await lookup.projectOf('172.29.0.9')).toBeNull();
    expect(asked.count).toBe(after);
    wait(20_000);
    expect(await lookup.projectOf('172.29.0.9')).toBeNull();
    expect(asked.count).toBeGreaterThan(after);
  });

  it('leaves senders unknown while the engine does not answer, and asks again next time', async () => {
    const { lookup } = senders([() => Promise.reject(new Error('engine away')), listing([BETA])]);
    expect(await lookup.projectOf('172.31.0.2')).toBeNull();
    expect(await lookup.projectOf('172.31.0.2')).toBe('beta');
  });
});
