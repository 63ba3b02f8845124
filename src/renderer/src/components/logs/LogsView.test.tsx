import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Profiler } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LogLine } from '../../../../shared/logs';
import { defaultSettings } from '../../../../shared/settings';
import { ROW_HEIGHT } from './LogList';
import { LogsView } from './LogsView';
import { fakeConnection } from '../../testing/fake-connection';
import { inPageSearchWorker, manualFrames } from './test-support';

const VIEW_HEIGHT = 180; // ten rows

// jsdom lays nothing out: give the log a height, and a scroll height from its rows.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('log-list') ? VIEW_HEIGHT : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
    configurable: true,
    get(this: HTMLElement) {
      const rows = this.firstElementChild as HTMLElement | null;
      return Math.max(Number.parseFloat(rows?.style.height ?? '0') || 0, this.clientHeight);
    },
  });
});
afterAll(() => {
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
  delete (HTMLElement.prototype as { scrollHeight?: number }).scrollHeight;
});

function line(service: string, text: string, n = 0): LogLine {
  return {
    service,
    container: `shop-${service}-1`,
    stream: 'stdout',
    timestamp: `2025-01-01T00:00:00.${String(n).padStart(9, '0')}Z`,
    text,
  };
}

function numbered(from: number, count: number, service = 'api'): LogLine[] {
  return Array.from({ length: count }, (_, i) => line(service, `line ${from + i}`, from + i));
}

function setup(
  options: { ring?: number; focusService?: string | null; subscribeFails?: boolean } = {},
) {
  const frames = manualFrames();
  let subscriptions = 0;
  const script = fakeConnection({
    'settings.get': () => ({ ...defaultSettings(), logRingSize: options.ring ?? 10_000 }),
    'logs.subscribe': () => {
      if (options.subscribeFails) throw new Error('the engine is not running');
      return { subscription: `sub-${++subscriptions}` };
    },
    'logs.unsubscribe': () => ({}),
  });
  let commits = 0;
  const view = render(
    <Profiler id="logs" onRender={() => commits++}>
      <LogsView
        connection={script.connection}
        project="/home/dev/shop"
        services={['api', 'web']}
        focusService={options.focusService ?? null}
        schedule={frames.schedule}
        searchWorker={inPageSearchWorker}
      />
    </Profiler>,
  );
  const log = () => screen.getByRole('log', { name: 'Log of shop' });
  /** Pushes batches for a subscription, then runs one animation frame. */
  const push = (subscription: string, ...batches: LogLine[][]) => {
    for (const lines of batches) script.emit('logs.batch', { subscription, lines });
    act(() => frames.run());
  };
  const subscribed = async (count = 1) => {
    await waitFor(() => {
      const done = script.calls.filter((c) => c.method === 'logs.subscribe');
      expect(done).toHaveLength(count);
    });
    // Let the reply reach the component.
    await act(() => Promise.resolve());
  };
  const rowTexts = () =>
    Array.from(log().querySelectorAll('.log-row')).map((row) => row.textContent ?? '');
  return {
    script,
    frames,
    view,
    log,
    push,
    subscribed,
    rowTexts,
    commits: () => commits,
  };
}

// jsdom's Blob has no text(); its FileReader reads one.
function blobText(blob: Blob | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!blob) return reject(new Error('no blob'));
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(blob);
  });
}

describe('LogsView', () => {
  it('streams the project from the last 500 lines of each container, and unsubscribes on unmount', async () => {
    const t = setup();
    await t.subscribed();
    expect(t.script.calls.find((c) => c.method === 'logs.subscribe')?.params).toEqual({
      project: '/home/dev/shop',
      tail: 500,
    });
    t.push('sub-1', [line('api', 'listening on 8081', 1), line('web', 'GET / 200', 2)]);
    expect(t.rowTexts()).toEqual(['api-1listening on 8081', 'web-1GET / 200']);
    const labels = t.log().querySelectorAll<HTMLElement>('.log-source');
    expect(labels[0]?.style.getPropertyValue('--service-hue')).not.toBe(
      labels[1]?.style.getPropertyValue('--service-hue'),
    );
    t.view.unmount();
    await waitFor(() =>
      expect(t.script.calls.at(-1)).toEqual({
        method: 'logs.unsubscribe',
        params: { subscription: 'sub-1' },
      }),
    );
  });

  it('keeps batches that arrive before the subscription id comes back', async () => {
    const t = setup();
    t.script.emit('logs.batch', { subscription: 'sub-1', lines: numbered(0, 2) });
    t.script.emit('logs.batch', { subscription: 'someone-else', lines: numbered(9, 1) });
    await t.subscribed();
    act(() => t.frames.run());
    expect(t.rowTexts()).toEqual(['api-1line 0', 'api-1line 1']);
  });

  it('appends the batches of a frame in one render', async () => {
    const t = setup();
    await t.subscribed();
    for (let i = 0; i < 5; i++) {
      t.script.emit('logs.batch', { subscription: 'sub-1', lines: numbered(i * 2, 2) });
    }
    expect(t.rowTexts()).toEqual([]);
    const before = t.commits();
    act(() => t.frames.run());
    expect(t.commits() - before).toBe(1);
    expect(t.rowTexts()).toHaveLength(10);
    expect(t.log().dataset.linesReceived).toBe('10');
  });

  it('holds only the newest logRingSize lines, and renders only the rows in view', async () => {
    const t = setup({ ring: 100 });
    await t.subscribed();
    await waitFor(() => expect(screen.getByText(/of the newest 100 lines held/)).toBeTruthy());
    for (let batch = 0; batch < 20; batch++) t.push('sub-1', numbered(batch * 500, 500));
    expect(t.log().dataset.linesReceived).toBe('10000');
    expect(t.log().dataset.linesHeld).toBe('100');
    // Following: the newest line is in view (once the scroll is seen); far fewer rows than
    // lines are in the DOM.
    fireEvent.scroll(t.log());
    const rows = t.rowTexts();
    expect(rows.at(-1)).toBe('api-1line 9999');
    expect(rows.length).toBeLessThan(40);
    const rowsBox = t.log().firstElementChild as HTMLElement;
    expect(rowsBox.style.height).toBe(`${100 * ROW_HEIGHT}px`);
  });

  it('filters by text with highlighted matches and a count, and by /regex/', async () => {
    const t = setup();
    await t.subscribed();
    t.push('sub-1', [
      line('api', 'GET /orders 200', 1),
      line('api', 'ERROR db timeout', 2),
      line('web', 'error: upstream error', 3),
      line('web', 'GET / 200', 4),
    ]);
    const search = screen.getByRole('searchbox', { name: 'Search' });
    fireEvent.change(search, { target: { value: 'error' } });
    // Applied once typing pauses.
    await waitFor(() =>
      expect(t.rowTexts()).toEqual(['api-1ERROR db timeout', 'web-1error: upstream error']),
    );
    expect(screen.getByRole('status', { name: '' }).textContent).toBe('2 matches');
    const marks = Array.from(t.log().querySelectorAll('mark')).map((m) => m.textContent);
    expect(marks).toEqual(['ERROR', 'error', 'error']);

    fireEvent.change(search, { target: { value: '/^GET .* 200$/' } });
    // Searched in the worker, highlighted from its answer.
    await waitFor(() => expect(t.rowTexts()).toEqual(['api-1GET /orders 200', 'web-1GET / 200']));
    expect(Array.from(t.log().querySelectorAll('mark')).map((m) => m.textContent)).toEqual([
      'GET /orders 200',
      'GET / 200',
    ]);
    // New lines are filtered as they arrive.
    t.push('sub-1', [line('api', 'GET /health 200', 5), line('api', 'POST /orders 201', 6)]);
    await waitFor(() => expect(t.rowTexts()).toHaveLength(3));
    expect(screen.getByText('3 matches')).toBeTruthy();
  });

  it('shows an invalid regex as an error and keeps every line', async () => {
    const t = setup();
    await t.subscribed();
    t.push('sub-1', numbered(0, 3));
    const search = screen.getByRole('searchbox', { name: 'Search' });
    fireEvent.change(search, { target: { value: '/(unclosed/' } });
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/^Invalid regular expression: /),
    );
    expect(search.getAttribute('aria-invalid')).toBe('true');
    expect(t.rowTexts()).toHaveLength(3);
  });

  it('filters by service by streaming only the services checked', async () => {
    const t = setup();
    await t.subscribed();
    t.push('sub-1', [line('api', 'a', 1), line('web', 'w', 2)]);
    fireEvent.click(screen.getByRole('checkbox', { name: 'web' }));
    await t.subscribed(2);
    expect(t.script.calls.filter((c) => c.method === 'logs.subscribe').at(-1)?.params).toEqual({
      project: '/home/dev/shop',
      tail: 500,
      services: ['api'],
    });
    expect(t.script.calls).toContainEqual({
      method: 'logs.unsubscribe',
      params: { subscription: 'sub-1' },
    });
    // Lines of the old stream still in flight are not shown.
    t.push('sub-1', [line('web', 'late', 3)]);
    t.push('sub-2', [line('api', 'a again', 4)]);
    expect(t.rowTexts()).toEqual(['api-1a again']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'api' }));
    expect(screen.getByText('Choose a service to see its lines.')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'api' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'web' }));
    await t.subscribed(4);
    expect(t.script.calls.filter((c) => c.method === 'logs.subscribe').at(-1)?.params).toEqual({
      project: '/home/dev/shop',
      tail: 500,
    });
  });

  it('shows only the service focused elsewhere', async () => {
    const t = setup({ focusService: 'web' });
    await t.subscribed();
    expect(t.script.calls.find((c) => c.method === 'logs.subscribe')?.params).toMatchObject({
      services: ['web'],
    });
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'api' }).checked).toBe(false);
  });

  it('starts from every service again for another project', async () => {
    const t = setup();
    await t.subscribed();
    fireEvent.click(screen.getByRole('checkbox', { name: 'web' }));
    await t.subscribed(2);
    // The same tree, so that the view is updated, not mounted again.
    t.view.rerender(
      <Profiler id="logs" onRender={() => undefined}>
        <LogsView
          connection={t.script.connection}
          project="/home/dev/other"
          services={['db']}
          focusService={null}
          schedule={t.frames.schedule}
        />
      </Profiler>,
    );
    await t.subscribed(3);
    expect(t.script.calls.filter((c) => c.method === 'logs.subscribe').at(-1)?.params).toEqual({
      project: '/home/dev/other',
      tail: 500,
    });
  });

  it('pauses when scrolled up, keeps its place, and jumps back to the latest line', async () => {
    const t = setup();
    await t.subscribed();
    t.push('sub-1', numbered(0, 50));
    const log = t.log();
    expect(log.scrollTop).toBe(50 * ROW_HEIGHT);
    const follow = screen.getByRole('button', { name: 'Follow' });
    expect(follow.getAttribute('aria-pressed')).toBe('true');

    log.scrollTop = 10 * ROW_HEIGHT;
    fireEvent.scroll(log);
    expect(follow.getAttribute('aria-pressed')).toBe('false');
    t.push('sub-1', numbered(50, 20));
    expect(log.scrollTop).toBe(10 * ROW_HEIGHT);
    expect(screen.getByText('Paused')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Jump to latest (20 new)' }));
    expect(follow.getAttribute('aria-pressed')).toBe('true');
    expect(log.scrollTop).toBe(70 * ROW_HEIGHT);
    expect(screen.queryByRole('button', { name: /Jump to latest/ })).toBeNull();
  });

  it('keeps the line at the top in place while paused as old lines leave the ring', async () => {
    const t = setup({ ring: 100 });
    await t.subscribed();
    await waitFor(() => expect(screen.getByText(/of the newest 100 lines held/)).toBeTruthy());
    t.push('sub-1', numbered(0, 100));
    const log = t.log();
    log.scrollTop = 40 * ROW_HEIGHT;
    fireEvent.scroll(log);
    t.push('sub-1', numbered(100, 10));
    // Line 40 moved up by the ten lines that left: it is still at the top.
    expect(log.scrollTop).toBe(30 * ROW_HEIGHT);
    expect(t.rowTexts()).toContain('api-1line 40');
  });

  it('renders ANSI colours and attributes, never the escape characters', async () => {
    const t = setup();
    await t.subscribed();
    t.push('sub-1', [
      line('api', '\u001b[1;31mERROR\u001b[0m plain \u001b[38;5;208morange\u001b[39m', 1),
      line('api', '\u001b[38;2;10;20;30mtrue\u001b[0m \u001b[2K\u001b[4munder\u001b[24m', 2),
    ]);
    const log = t.log();
    expect(log.textContent).not.toContain('\u001b');
    const error = within(log).getByText('ERROR');
    expect(error.className).toBe('ansi-fg-1 ansi-bold');
    expect(within(log).getByText('orange').style.color).toBe('rgb(255, 135, 0)');
    expect(within(log).getByText('true').style.color).toBe('rgb(10, 20, 30)');
    expect(within(log).getByText('under').className).toBe('ansi-underline');
    expect(t.rowTexts()).toEqual(['api-1ERROR plain orange', 'api-1true under']);
  });

  it('shows timestamps when asked', async () => {
    const t = setup();
    await t.subscribed();
    t.push('sub-1', [line('api', 'x', 123_000_000)]);
    expect(t.log().querySelector('time')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Timestamps' }));
    const time = t.log().querySelector('time');
    expect(time?.textContent).toBe('2025-01-01T00:00:00.123Z');
    expect(time?.getAttribute('datetime')).toBe('2025-01-01T00:00:00.123000000Z');
  });

  it('clears, copies the lines shown and downloads them as a .log file', async () => {
    const t = setup();
    await t.subscribed();
    t.push('sub-1', [line('api', '\u001b[32mok\u001b[0m one', 1), line('web', 'two', 2)]);
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), {
      target: { value: 'one' },
    });
    await waitFor(() => expect(t.rowTexts()).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(screen.getByText('Copied 1 line')).toBeTruthy());
    expect(writeText).toHaveBeenCalledWith('api-1 | ok one\n');

    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:logs';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toMatch(/^shop-.*\.log$/);
    });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), {
      target: { value: '' },
    });
    await waitFor(() => expect(t.rowTexts()).toHaveLength(2));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Timestamps' }));
    fireEvent.click(screen.getByRole('button', { name: 'Download' }));
    expect(click).toHaveBeenCalledOnce();
    expect(await blobText(blobs[0])).toBe(
      '2025-01-01T00:00:00.000000001Z api-1 | ok one\n2025-01-01T00:00:00.000000002Z web-1 | two\n',
    );
    click.mockRestore();

    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(t.rowTexts()).toEqual([]);
    expect(t.log().dataset.linesReceived).toBe('2');
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  it('says why the log cannot be read', async () => {
    setup({ subscribeFails: true });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Cannot read the logs: the engine is not running',
    );
  });
});
