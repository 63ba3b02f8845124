import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ObservedCalls } from '../../../../shared/traces';
import { fakeConnection } from '../../testing/fake-connection';
import { shopServices } from '../../testing/fixtures';
import { TracedServiceGraph } from './TracedServiceGraph';

const EMPTY: ObservedCalls = {
  edges: [],
  outside: [],
  receiver: {
    zipkin: 'http://127.0.0.1:9411/api/v2/spans',
    otlp: 'http://127.0.0.1:4318/v1/traces',
  },
  windowMinutes: 15,
};

const SEEN: ObservedCalls = {
  ...EMPTY,
  edges: [
    {
      from: 'web',
      to: 'api',
      calls: 20,
      failures: 2,
      p50Ms: 4,
      p95Ms: 12,
      lastSeen: '2026-12-06T10:00:00.000Z',
      declared: true,
    },
    {
      from: 'worker',
      to: 'web',
      calls: 1,
      failures: 0,
      p50Ms: 0.4,
      p95Ms: 0.4,
      lastSeen: '2026-12-06T10:00:00.000Z',
      declared: false,
    },
  ],
  outside: [
    {
      host: 'shop-db.prod.example.com',
      from: ['api'],
      calls: 3,
      failures: 0,
      lastSeen: '2026-12-06T10:00:00.000Z',
      production: 'deploy/k8s/config.yaml:14',
    },
    {
      host: 'cdn.example.net',
      from: ['web'],
      calls: 1,
      failures: 1,
      lastSeen: '2026-12-06T10:00:00.000Z',
      production: null,
    },
  ],
};

function renderGraph(answers: ObservedCalls[]) {
  const fake = fakeConnection({
    'traces.edges': () => answers.shift() ?? SEEN,
    'traces.reset': () => ({}),
  });
  render(
    <TracedServiceGraph
      connection={fake.connection}
      project="/p/shop"
      services={shopServices()}
      selected={null}
      onSelect={vi.fn()}
    />,
  );
  return fake;
}

describe('TracedServiceGraph', () => {
  it('says where to send spans while none came, then draws the calls when traces.changed comes', async () => {
    const fake = renderGraph([EMPTY]);
    await screen.findByText(/No calls seen in the last 15 minutes/);
    expect(screen.getByText(/http:\/\/127\.0\.0\.1:9411\/api\/v2\/spans/)).toBeTruthy();
    expect(screen.queryByRole('img', { name: /→/ })).toBeNull();
    act(() => fake.emit('traces.changed', {}));
    const edge = await screen.findByRole('img', {
      name: 'web → api: 20 calls, 2 failed, p95 12 ms',
    });
    expect(edge.querySelector('line')?.style.strokeDasharray).toBe('6 4');
    expect(fake.callsOf('traces.edges')).toEqual([{ project: '/p/shop' }, { project: '/p/shop' }]);
  });

  it('marks a call no depends_on declares, and lists outside hosts with production ones flagged first', async () => {
    renderGraph([SEEN]);
    const undeclared = await screen.findByRole('img', {
      name: 'worker → web: 1 call, p95 0.4 ms; not declared in depends_on',
    });
    expect(undeclared.getAttribute('class')).toContain('undeclared');
    expect(screen.getByText('Called without depends_on: worker → web')).toBeTruthy();
    const hosts = screen.getByRole('list', { name: 'Outside calls' });
    expect([...hosts.querySelectorAll('li')].map((li) => li.getAttribute('aria-label'))).toEqual([
      'shop-db.prod.example.com, a production host',
      'cdn.example.net',
    ]);
    expect(screen.getByRole('alert').textContent).toBe(
      ' production host (named in deploy/k8s/config.yaml:14)',
    );
  });

  it('resets the observed calls and asks for them again', async () => {
    const fake = renderGraph([SEEN, EMPTY]);
    fireEvent.click(await screen.findByRole('button', { name: 'Reset observed calls' }));
    await waitFor(() => expect(fake.callsOf('traces.reset')).toEqual([{}]));
    await screen.findByText(/No calls seen/);
    expect(screen.queryByRole('img', { name: /→/ })).toBeNull();
  });

  it("names the stack's own trace store it reads, and says quietly when it cannot", async () => {
    const fake = renderGraph([
      {
        ...EMPTY,
        queries: [{ kind: 'zipkin', service: 'zipkin', address: '127.0.0.1:19411', problem: null }],
      },
      {
        ...SEEN,
        queries: [
          {
            kind: 'zipkin',
            service: 'zipkin',
            address: '127.0.0.1:19411',
            problem: 'reading traces from zipkin at 127.0.0.1:19411: connection refused',
          },
        ],
      },
    ]);
    const stores = await screen.findByRole('list', { name: 'Trace stores read' });
    expect(stores.textContent).toBe('Reading traces from zipkin (zipkin) at 127.0.0.1:19411.');
    act(() => fake.emit('traces.changed', {}));
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Trace stores read' }).textContent).toBe(
        'reading traces from zipkin at 127.0.0.1:19411: connection refused',
      ),
    );
    // Quiet: no alert beside the production host's own.
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });
});
