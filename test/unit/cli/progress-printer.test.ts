import { describe, expect, it } from 'vitest';
import type { ServiceProgress } from '../../../src/shared/progress';
import { ProgressBoard } from '../../../src/main/cli/progress-board';
import { progressPrinter } from '../../../src/main/cli/progress-printer';

const step = (
  service: string,
  phase: ServiceProgress['phase'],
  elapsedMs: number,
  detail?: string,
): ServiceProgress => ({
  service,
  phase,
  elapsedMs,
  ...(detail ? { detail } : {}),
});

describe('ProgressBoard', () => {
  it('keeps one line per service with its latest phase and how long it took', () => {
    const board = new ProgressBoard();
    board.update(step('api', 'building', 100));
    board.update(step('worker', 'waiting', 120, 'api (service_healthy)'));
    board.update(step('api', 'building', 900, 'Step 2/4 : COPY cgi-bin /www/cgi-bin'));
    board.update(step('api', 'healthy', 3100));
    expect(board.lines()).toEqual([
      '✔ api     healthy      3.0s',
      '• worker  waiting      0.0s  api (service_healthy)',
    ]);
  });

  it('shows the latest build line, shortened, while a build runs', () => {
    const board = new ProgressBoard();
    board.update(step('web', 'building', 0, `Step 1/3 : ${'x'.repeat(100)}`));
    const [line] = board.lines();
    expect(line).toMatch(/^• web {2}building {5}0\.0s {2}Step 1\/3 : x+…$/);
    expect(line?.length).toBeLessThan(90);
  });

  it('shows how far a pull is, and keeps it while the same phase goes on', () => {
    const board = new ProgressBoard();
    board.update({ ...step('db', 'pulling', 0, 'Downloading: 0/2 layers'), fraction: 0.425 });
    expect(board.lines()).toEqual(['• db  pulling      0.0s  42%  Downloading: 0/2 layers']);
    board.update(step('db', 'pulling', 400));
    expect(board.lines()[0]).toContain(' 42%  Downloading');
    board.update(step('db', 'creating', 900));
    expect(board.lines()).toEqual(['• db  creating     0.9s']);
  });

  it('shows why a service failed', () => {
    const board = new ProgressBoard();
    board.update(step('web', 'waiting', 0));
    board.update(step('web', 'failed', 1500, 'api is unhealthy'));
    expect(board.lines()).toEqual(['✘ web  failed       1.5s  api is unhealthy']);
  });
});

describe('progressPrinter', () => {
  it('redraws the board in place on a terminal', () => {
    let out = '';
    const print = progressPrinter({ write: (text) => (out += text), isTTY: true }, false);
    print(step('db', 'creating', 0));
    print(step('api', 'creating', 10));
    out = '';
    print(step('db', 'started', 500));
    // Up two lines, then both lines cleared and written again.
    expect(out).toBe('\x1b[2A\x1b[2K✔ db   started      0.5s\n\x1b[2K• api  creating     0.0s\n');
  });

  it('writes one line per step to a log, build output only when verbose', () => {
    let out = '';
    const quiet = progressPrinter({ write: (text) => (out += text), isTTY: false }, false);
    quiet(step('api', 'building', 0));
    quiet(step('api', 'building', 100, 'Step 1/4 : FROM busybox:1.37'));
    quiet(step('api', 'started', 2000));
    expect(out.split('\n').filter(Boolean)).toEqual([
      '• api              building     0.0s',
      '✔ api              started      2.0s',
    ]);
    let verboseOut = '';
    progressPrinter(
      { write: (text) => (verboseOut += text), isTTY: false },
      true,
    )(step('api', 'building', 100, 'Step 1/4 : FROM busybox:1.37'));
    expect(verboseOut).toContain('Step 1/4 : FROM busybox:1.37');
  });
});

describe('progressPrinter on hostile build output', () => {
  it('keeps its own cursor moves and escapes the control sequences it quotes', () => {
    let out = '';
    const print = progressPrinter({ write: (text) => (out += text), isTTY: true }, false);
    print(step('web', 'building', 0, 'Step 1/2 : RUN echo \u001b]0;pwned\u0007\u001b[2J'));
    expect(out.startsWith('\x1b[2K• web')).toBe(true);
    expect(out).toContain('\\u001b]0;pwned\\u0007\\u001b[2J');
    expect(out).not.toContain('\u0007');
    expect(out.split('\u001b').length).toBe(2);
  });
});
