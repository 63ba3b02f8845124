import { describe, expect, it } from 'vitest';
import {
  INITIAL_TRAY_STATE,
  withEngine,
  withoutProject,
  withProject,
  type TrayProject,
  type TrayState,
} from '../../../src/main/app/tray-state';
import { trayIconState, trayTooltip } from '../../../src/main/app/tray-summary';

const NONE = { total: 3, running: 0, healthy: 0, unhealthy: 0, starting: 0, exited: 0 };

function project(name: string, state: TrayProject['state'], services = {}): TrayProject {
  return {
    id: `/p/${name}`,
    name,
    state,
    services: { ...NONE, ...services },
    driftCount: null,
    actions: [],
  };
}

const up = (...projects: TrayProject[]): TrayState => ({ engine: { reachable: true }, projects });

describe('trayIconState and trayTooltip', () => {
  it.each<[string, TrayState, string, string]>([
    ['no projects', up(), 'idle', 'Parity — nothing running'],
    [
      'everything stopped',
      up(project('a', 'stopped'), project('b', 'stopped')),
      'idle',
      'Parity — nothing running',
    ],
    [
      'one healthy',
      up(project('a', 'running', { running: 3, healthy: 3 })),
      'healthy',
      'Parity — 1 running',
    ],
    [
      'one starting',
      up(project('a', 'starting', { running: 1, starting: 1 })),
      'healthy',
      'Parity — 1 running',
    ],
    ['one partial', up(project('a', 'partial', { running: 2 })), 'healthy', 'Parity — 1 running'],
    [
      'one unhealthy beside a healthy one',
      up(
        project('a', 'running', { running: 3 }),
        project('b', 'failed', { running: 3, unhealthy: 1 }),
      ),
      'problem',
      'Parity — 2 running, 1 with problems',
    ],
    [
      'one crashed with nothing left running',
      up(project('a', 'failed', { exited: 3 })),
      'problem',
      'Parity — nothing running, 1 with problems',
    ],
    [
      'an invalid project alone',
      up(project('a', 'invalid', { total: 0 })),
      'idle',
      'Parity — nothing running',
    ],
    [
      'the engine down',
      {
        engine: { reachable: false, reason: 'connection refused: is the engine running?' },
        projects: [project('a', 'running', { running: 3 })],
      },
      'idle',
      'Parity — Docker engine not reachable: connection refused: is the engine running?',
    ],
  ])('%s', (_, state, icon, tooltip) => {
    expect(trayIconState(state)).toBe(icon);
    expect(trayTooltip(state)).toBe(tooltip);
  });

  it('keeps the tooltip within what Windows shows', () => {
    const state: TrayState = {
      engine: { reachable: false, reason: 'x'.repeat(500) },
      projects: [],
    };
    expect(trayTooltip(state)).toHaveLength(127);
    expect(trayTooltip(state).endsWith('…')).toBe(true);
  });
});

describe('tray state updates', () => {
  it('adds, replaces in place and removes projects, and tracks the engine', () => {
    let state = INITIAL_TRAY_STATE;
    state = withProject(state, project('a', 'stopped'));
    state = withProject(state, project('b', 'stopped'));
    state = withProject(state, project('a', 'running', { running: 3 }));
    expect(state.projects.map((p) => `${p.name}:${p.state}`)).toEqual(['a:running', 'b:stopped']);
    state = withoutProject(state, '/p/a');
    expect(state.projects.map((p) => p.name)).toEqual(['b']);
    state = withEngine(state, { reachable: false, reason: 'gone' });
    expect(state.engine).toEqual({ reachable: false, reason: 'gone' });
    expect(withEngine(state, { reachable: true }).engine).toEqual({ reachable: true });
  });
});
