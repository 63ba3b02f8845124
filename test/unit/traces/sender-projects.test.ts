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
  it('lists containers again for an address it does not know, once for senders arriving together', async () => {
    let clock = 0;
    let asked = 0;
    let answer: () => Promise<{ project: string; addresses: string[] }[]> = () =>
      Promise.resolve([{ project: 'alpha', addresses: ['172.30.0.2'] }]);
    const senders = new SenderProjects(
      () => {
        asked++;
        return answer();
      },
      () => clock,
    );
    expect(await senders.projectOf('::ffff:172.30.0.2')).toBe('alpha');
    expect(await senders.projectOf('172.30.0.2')).toBe('alpha');
    expect(asked).toBe(1);
    // A container started since: found by a listing made after its spans came.
    clock = 10;
    answer = () =>
      Promise.resolve([
        { project: 'alpha', addresses: ['172.30.0.2'] },
        { project: 'beta', addresses: ['172.31.0.2'] },
      ]);
    const together = await Promise.all([
      senders.projectOf('172.31.0.2'),
      senders.projectOf('172.31.0.2'),
    ]);
    expect(together).toEqual(['beta', 'beta']);
    expect(asked).toBe(2);
    // No Compose container there: unknown, and not asked about again for a while.
    clock = 20;
    expect(await senders.projectOf('172.29.0.9')).toBeNull();
    expect(await senders.projectOf('172.29.0.9')).toBeNull();
    expect(asked).toBe(3);
    // An engine that does not answer: unknown, asked again next time.
    clock = 20_000;
    answer = () => Promise.reject(new Error('engine away'));
    expect(await senders.projectOf('172.31.0.2')).toBeNull();
    expect(asked).toBe(4);
    answer = () => Promise.resolve([{ project: 'gamma', addresses: ['172.31.0.2'] }]);
    clock = 20_001;
    expect(await senders.projectOf('172.31.0.2')).toBe('gamma');
    expect(asked).toBe(5);
  });
});
