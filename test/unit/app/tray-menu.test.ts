import { describe, expect, it } from 'vitest';
import { MAX_TRAY_PROJECTS, trayMenu, type TrayMenuItem } from '../../../src/main/app/tray-menu';
import type { TrayProject, TrayState } from '../../../src/main/app/tray-state';

const NONE = { total: 0, running: 0, healthy: 0, unhealthy: 0, starting: 0, exited: 0 };

function project(overrides: Partial<TrayProject> & { name: string }): TrayProject {
  return {
    id: `/home/ada/${overrides.name}`,
    state: 'stopped',
    services: { ...NONE, total: 3 },
    driftCount: null,
    actions: [],
    ...overrides,
  };
}

const up = (projects: TrayProject[]): TrayState => ({ engine: { reachable: true }, projects });

// The menu as text: `-` a separator, `(off)` a disabled item, `>` a submenu, nesting indented.
function render(items: TrayMenuItem[], indent = ''): string[] {
  return items.flatMap((item) => {
    if (item.type === 'separator') return [`${indent}-`];
    const line = `${indent}${item.label}${item.enabled ? '' : ' (off)'}`;
    if (item.type === 'submenu') return [`${line} >`, ...render(item.submenu, `${indent}  `)];
    return [line];
  });
}

function submenuOf(items: TrayMenuItem[], label: RegExp): TrayMenuItem[] {
  const found = items.find((i) => i.type === 'submenu' && label.test(i.label));
  if (found?.type !== 'submenu') throw new Error(`no submenu ${String(label)}`);
  return found.submenu;
}

function enabled(items: TrayMenuItem[], label: string): boolean {
  const found = items.find((i) => i.type === 'normal' && i.label === label);
  if (found?.type !== 'normal') throw new Error(`no item ${label}`);
  return found.enabled;
}

const FOOTER = ['-', 'Open Parity', 'Stop all (off)', 'Settings…', '-', 'Quit Parity'];

describe('trayMenu', () => {
  it('with no projects, says so and offers to add one', () => {
    expect(render(trayMenu(up([])))).toEqual([
      'No projects yet (off)',
      'Add a project in Parity…',
      ...FOOTER,
    ]);
  });

  it('with the engine down, says so and what to do, and disables what needs it', () => {
    const menu = trayMenu({
      engine: { reachable: false, reason: 'connection refused: is the engine running?' },
      projects: [project({ name: 'shop', actions: [{ name: 'Seed' }] })],
    });
    expect(render(menu)).toEqual([
      'Docker engine not reachable: start Docker, or change the engine in Settings (off)',
      'shop — stopped >',
      '  0/3 up (off)',
      '  -',
      '  Start (off)',
      '  Stop (off)',
      '  Restart (off)',
      '  -',
      '  Open',
      '  Logs',
      '  Drift',
      '  -',
      '  Quick actions (off)',
      '  Seed (off)',
      ...FOOTER,
    ]);
  });

  it('shows a healthy running project with what can be done to it', () => {
    const shop = project({
      name: 'shop',
      state: 'running',
      services: { ...NONE, total: 3, running: 3, healthy: 2 },
      driftCount: 4,
    });
    expect(render(trayMenu(up([shop])))).toEqual([
      'shop — running >',
      '  3/3 up, 2 healthy (off)',
      '  -',
      '  Start (off)',
      '  Stop',
      '  Restart',
      '  -',
      '  Open',
      '  Logs',
      '  Drift (4)',
      '-',
      'Open Parity',
      'Stop all',
      'Settings…',
      '-',
      'Quit Parity',
    ]);
  });

  it('names what is wrong with an unhealthy or crashed project', () => {
    const menu = trayMenu(
      up([
        project({
          name: 'shop',
          state: 'failed',
          services: { ...NONE, total: 4, running: 3, healthy: 1, unhealthy: 1, exited: 1 },
          driftCount: 0,
        }),
      ]),
    );
    expect(render(menu).slice(0, 2)).toEqual([
      'shop — failed (1 crashed, 1 unhealthy) >',
      '  3/4 up, 1 healthy, 1 crashed, 1 unhealthy (off)',
    ]);
    const shop = submenuOf(menu, /^shop/);
    expect(['Start', 'Stop', 'Restart'].map((l) => enabled(shop, l))).toEqual([true, true, true]);
    expect(enabled(shop, 'Drift (0)')).toBe(true);
  });

  it('lets a starting project be stopped but not started again', () => {
    const shop = submenuOf(
      trayMenu(
        up([
          project({
            name: 'shop',
            state: 'starting',
            services: { ...NONE, total: 3, running: 1, starting: 1 },
          }),
        ]),
      ),
      /^shop — starting/,
    );
    expect(render(shop).slice(0, 1)).toEqual(['1/3 up, 1 starting (off)']);
    expect(['Start', 'Stop', 'Restart'].map((l) => enabled(shop, l))).toEqual([false, true, false]);
  });

  it('lets a partial project be started, stopped and restarted', () => {
    const shop = submenuOf(
      trayMenu(
        up([
          project({ name: 'shop', state: 'partial', services: { ...NONE, total: 3, running: 2 } }),
        ]),
      ),
      /^shop — partial/,
    );
    expect(['Start', 'Stop', 'Restart'].map((l) => enabled(shop, l))).toEqual([true, true, true]);
  });

  it('shows the file problem of an invalid project and does not offer to start it', () => {
    const menu = trayMenu(
      up([
        project({
          name: 'R&D',
          state: 'invalid',
          services: NONE,
          problems: [{ message: 'compose.yaml:3:5: services.web.ports: expected a list' }],
        }),
      ]),
    );
    const rd = submenuOf(menu, /^R&&D — config error$/);
    expect(render(rd).slice(0, 6)).toEqual([
      'compose.yaml:3:5: services.web.ports: expected a list (off)',
      '-',
      'Start (off)',
      'Stop (off)',
      'Restart (off)',
      '-',
    ]);
    expect(enabled(rd, 'Open')).toBe(true);
  });

  it('lets an invalid project still stop what runs from before', () => {
    const rd = submenuOf(
      trayMenu(
        up([
          project({ name: 'rd', state: 'invalid', services: { ...NONE, total: 0, running: 2 } }),
        ]),
      ),
      /^rd/,
    );
    expect(enabled(rd, 'Stop')).toBe(true);
  });

  it('lists quick actions, marks those that ask first, and runs them only on a running stack', () => {
    const actions = [{ name: 'Seed database', confirm: true }, { name: 'Open psql' }];
    const running = trayMenu(
      up([
        project({
          name: 'shop',
          state: 'running',
          services: { ...NONE, total: 1, running: 1 },
          actions,
        }),
      ]),
    );
    const shop = submenuOf(running, /^shop/);
    expect(render(shop).slice(-4)).toEqual([
      '-',
      'Quick actions (off)',
      'Seed database…',
      'Open psql',
    ]);
    expect(shop.at(-2)).toEqual({
      type: 'normal',
      label: 'Seed database…',
      enabled: true,
      action: {
        kind: 'action.run',
        project: '/home/ada/shop',
        action: 'Seed database',
        confirm: true,
      },
    });
    const stopped = submenuOf(trayMenu(up([project({ name: 'shop', actions })])), /^shop/);
    expect(enabled(stopped, 'Seed database…')).toBe(false);
  });

  it('gives every item an action for its project', () => {
    const shop = submenuOf(trayMenu(up([project({ name: 'shop' })])), /^shop/);
    const actions = shop.flatMap((i) => (i.type === 'normal' && i.action ? [i.action] : []));
    expect(actions).toEqual([
      { kind: 'stack.up', project: '/home/ada/shop' },
      { kind: 'stack.stop', project: '/home/ada/shop' },
      { kind: 'stack.restart', project: '/home/ada/shop' },
      { kind: 'open', project: '/home/ada/shop', view: 'graph' },
      { kind: 'open', project: '/home/ada/shop', view: 'logs' },
      { kind: 'open', project: '/home/ada/shop', view: 'drift' },
    ]);
  });

  it('keeps 20 projects to one line each, in settings order, with the footer intact', () => {
    const projects = Array.from({ length: 20 }, (_, i) =>
      project({ name: `project-${i}`, state: i % 3 === 0 ? 'running' : 'stopped' }),
    );
    const menu = trayMenu(up(projects));
    expect(
      menu.filter((i) => i.type === 'submenu').map((i) => i.type === 'submenu' && i.label),
    ).toEqual(projects.map((p) => `${p.name} — ${p.state}`));
    expect(render(menu).slice(-6)).toEqual([
      '-',
      'Open Parity',
      'Stop all',
      'Settings…',
      '-',
      'Quit Parity',
    ]);
  });

  it('past the limit, lists running and troubled projects first and points to the rest', () => {
    const projects = Array.from({ length: MAX_TRAY_PROJECTS + 10 }, (_, i) =>
      project({ name: `p${i}`, state: i >= 30 ? 'running' : 'stopped' }),
    );
    const menu = trayMenu(up(projects));
    const labels = menu.flatMap((i) => (i.type === 'submenu' ? [i.label] : []));
    expect(labels).toHaveLength(MAX_TRAY_PROJECTS);
    expect(labels.slice(0, 5)).toEqual(
      ['p30', 'p31', 'p32', 'p33', 'p34'].map((n) => `${n} — running`),
    );
    expect(render(menu)).toContain('10 more in Parity…');
  });

  it('cuts a very long project name to a menu width', () => {
    const [line] = render(trayMenu(up([project({ name: 'x'.repeat(100) })])));
    expect(line).toBe(`${'x'.repeat(39)}… — stopped >`);
  });
});
