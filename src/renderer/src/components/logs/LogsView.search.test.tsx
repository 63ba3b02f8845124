import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../../shared/logs';
import { defaultSettings } from '../../../../shared/settings';
import { fakeConnection } from '../../testing/fake-connection';
import type { SearchWorkerFactory } from './log-search';
import { LogsView } from './LogsView';
import { inPageSearchWorker, manualFrames } from './test-support';

const line = (text: string): LogLine => ({
  service: 'api',
  container: 'shop-api-1',
  stream: 'stdout',
  timestamp: '2025-01-01T00:00:00.000000001Z',
  text,
});

async function setup(searchWorker: SearchWorkerFactory = inPageSearchWorker) {
  const frames = manualFrames();
  const script = fakeConnection({
    'settings.get': () => defaultSettings(),
    'logs.subscribe': () => ({ subscription: 'sub-1' }),
    'logs.unsubscribe': () => ({}),
  });
  render(
    <LogsView
      connection={script.connection}
      project="/home/dev/shop"
      services={['api']}
      schedule={frames.schedule}
      searchWorker={searchWorker}
    />,
  );
  await waitFor(() =>
    expect(script.calls.filter((c) => c.method === 'logs.subscribe')).toHaveLength(1),
  );
  await act(() => Promise.resolve());
  const push = (lines: LogLine[], dropped?: number): void => {
    script.emit('logs.batch', { subscription: 'sub-1', lines, ...(dropped ? { dropped } : {}) });
    act(() => frames.run());
  };
  return { push };
}

describe('LogsView search and flood limits', () => {
  it('stops a /regex/ search whose worker overruns its budget, and says so', async () => {
    // A worker stuck in catastrophic backtracking: it never answers, and is terminated.
    const terminated: string[] = [];
    const stuck: SearchWorkerFactory = () => ({
      onmessage: null,
      onerror: null,
      postMessage: () => undefined,
      terminate: () => terminated.push('stuck'),
    });
    const t = await setup(stuck);
    t.push([line(`${'a'.repeat(40)}b`)]);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), {
      target: { value: '/(a+)+$/' },
    });
    await waitFor(
      () =>
        expect(screen.getByRole('alert').textContent).toMatch(
          /^Search stopped: the pattern took over 1 s/,
        ),
      { timeout: 3_000 },
    );
    expect(terminated).toEqual(['stuck']);
    expect(screen.getByText('0 matches')).toBeTruthy();
  });

  it('searches only once typing pauses', async () => {
    const posted: string[] = [];
    const counting: SearchWorkerFactory = () => {
      const worker = inPageSearchWorker();
      const post = worker.postMessage.bind(worker);
      worker.postMessage = (request) => {
        posted.push(request.body);
        post(request);
      };
      return worker;
    };
    const t = await setup(counting);
    t.push([line('GET /a 200')]);
    const box = screen.getByRole('searchbox', { name: 'Search' });
    for (const typed of ['/G/', '/GE/', '/GET/'])
      fireEvent.change(box, { target: { value: typed } });
    await waitFor(() => expect(screen.getByText('1 match')).toBeTruthy());
    expect(posted).toEqual(['GET']);
  });

  it('shows how many lines the server dropped while the window fell behind', async () => {
    const t = await setup();
    t.push([], 1234);
    t.push([line('after the gap')]);
    expect(screen.getByText(/1,234 lines dropped by the server/)).toBeTruthy();
  });
});
