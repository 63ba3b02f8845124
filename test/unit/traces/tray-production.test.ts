import { describe, expect, it } from 'vitest';
import { traceHandlers } from '../../../src/main/api/trace-handlers';
import { trayMenu } from '../../../src/main/app/tray-menu';
import {
  withCallingProduction,
  withProject,
  type TrayProject,
  type TrayState,
} from '../../../src/main/app/tray-state';
import { projectLabel, trayIconState, trayTooltip } from '../../../src/main/app/tray-summary';
import { trayCallsRefresher } from '../../../src/main/app/tray-traces';
import { loadProject } from '../../../src/main/config/load-project';
import { callingProductionMark } from '../../../src/main/traces/project-calls';
import type { Span } from '../../../src/main/traces/span';
import { TraceHub } from '../../../src/main/traces/trace-hub';
import type { ApiSession } from '../../../src/shared/api/contract';
import { lines, makeProject, deploymentWithEnv } from '../../support/project-dir';

// The tray marks a project whose laptop stack calls a production host: from spans through
// traces.edges (the production sources read from the project's own files) to the menu label.

const SESSION: ApiSession = { id: 't', emit: () => undefined, onClose: () => undefined };

function client(id: string, service: string, remoteHost: string): Span {
  return {
    traceId: 'feed',
    id,
    parentId: null,
    kind: 'CLIENT',
    service,
    remoteService: null,
    remoteHost,
    durationMs: 12,
    error: false,
    shared: false,
  };
}

function shopProject(dir: string): TrayProject {
  return {
    id: dir,
    name: 'shop',
    state: 'running',
    services: { total: 2, running: 2, healthy: 2, unhealthy: 0, starting: 0, exited: 0 },
    driftCount: 0,
    actions: [],
  };
}

function projectDir(): string {
  return makeProject('shop', {
    'compose.yaml': lines(
      'services:',
      '  api:',
      '    image: busybox:1.37',
      '    environment:',
      '      PAYMENTS_URL: http://payments:8080',
      '  payments:',
      '    image: busybox:1.37',
    ),
    'parity.yaml': lines('production:', '  - kubernetes: k8s'),
    'k8s/api.yaml': deploymentWithEnv('api', {
      PAYMENTS_URL: 'https://api.example.com/payments',
      AUDIT_URL: 'https://audit.example.com',
    }),
  });
}

describe('the tray and a laptop calling production', () => {
  it('marks the project whose api calls api.example.com, from spans to the menu', async () => {
    const dir = projectDir();
    const hub = new TraceHub({ pairing: { waitMs: 0, maxPending: 10 } });
    const handlers = traceHandlers(
      { load: (id) => Promise.resolve(loadProject({ dir: id, env: {} })) },
      hub,
    );
    let state: TrayState = { engine: { reachable: true }, projects: [shopProject(dir)] };
    const refresh = trayCallsRefresher({
      projectIds: () => state.projects.map((p) => p.id),
      edges: (project) => handlers['traces.edges']({ project }, SESSION),
      apply: (id, hosts) => (state = withCallingProduction(state, id, hosts)),
    });

    // A call to a host production does not name is no mark.
    await hub.add([client('01', 'api', 'cdn.example.net')]);
    await refresh();
    expect(projectLabel(state.projects[0] as TrayProject)).toBe('shop — running');
    expect(trayIconState(state)).toBe('healthy');

    await hub.add([client('02', 'api', 'api.example.com')]);
    await refresh();
    hub.close();
    const shop = state.projects[0] as TrayProject;
    expect(projectLabel(shop)).toBe('shop — running ⚠ calling production: api.example.com');
    expect(trayTooltip(state)).toBe('Parity — 1 running, 1 calling production');
    expect(trayIconState(state)).toBe('problem');
    const submenu = trayMenu(state)[0];
    expect(submenu).toMatchObject({
      type: 'submenu',
      label: 'shop — running ⚠ calling production: api.example.com',
    });
    expect(submenu?.type === 'submenu' ? submenu.submenu[1] : null).toEqual({
      type: 'normal',
      label: '⚠ Calling production: api.example.com',
      enabled: true,
      action: { kind: 'open', project: dir, view: 'graph' },
    });
  });

  it('keeps the mark across a project.changed, and drops it when the calls age out', () => {
    const dir = '/p/shop';
    let state: TrayState = { engine: { reachable: true }, projects: [shopProject(dir)] };
    state = withCallingProduction(state, dir, ['api.example.com']);
    // A project summary carries no trace data: the mark stays.
    state = withProject(state, { ...shopProject(dir), state: 'partial' });
    expect(projectLabel(state.projects[0] as TrayProject)).toBe(
      'shop — partial ⚠ calling production: api.example.com',
    );
    // The same hosts again change nothing (no menu rebuilt).
    expect(withCallingProduction(state, dir, ['api.example.com'])).toBe(state);
    state = withCallingProduction(state, dir, []);
    expect(projectLabel(state.projects[0] as TrayProject)).toBe('shop — partial');
    expect(trayTooltip(state)).toBe('Parity — 1 running');
  });

  it('names one host and counts the rest, cut to a menu width', () => {
    expect(callingProductionMark([])).toBeNull();
    expect(callingProductionMark(['api.example.com', 'audit.example.com', 'db.example.com'])).toBe(
      '⚠ calling production: api.example.com +2 more',
    );
    const long = `${'a'.repeat(60)}.example.com`;
    expect(callingProductionMark([long])).toBe(`⚠ calling production: ${'a'.repeat(39)}…`);
  });

  it('asks one pass at a time however often traces change, and keeps a mark it cannot re-read', async () => {
    let asked = 0;
    let fail = false;
    const applied: string[][] = [];
    const refresh = trayCallsRefresher({
      projectIds: () => ['/p/shop'],
      edges: async () => {
        asked += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (fail) throw new Error('project folder gone');
        return {
          outside: [
            {
              host: 'api.example.com',
              from: ['api'],
              calls: 1,
              failures: 0,
              lastSeen: '',
              production: 'k8s/api.yaml:12',
            },
          ],
        };
      },
      apply: (_id, hosts) => applied.push(hosts),
    });
    await Promise.all([refresh(), refresh(), refresh(), refresh()]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The first pass, then one for everything asked during it.
    expect(asked).toBe(2);
    expect(applied).toEqual([['api.example.com'], ['api.example.com']]);
    fail = true;
    await refresh();
    expect(applied).toHaveLength(2);
  });
});
