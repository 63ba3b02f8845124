import { describe, expect, it } from 'vitest';
import { runTrayAction, type TrayActionDeps } from '../../../src/main/app/tray-actions';
import type { TrayProject, TrayState } from '../../../src/main/app/tray-state';

const NONE = { total: 2, running: 0, healthy: 0, unhealthy: 0, starting: 0, exited: 0 };
const project = (name: string, running: number): TrayProject => ({
  id: `/p/${name}`,
  name,
  state: running > 0 ? 'running' : 'stopped',
  services: { ...NONE, running },
  driftCount: null,
  actions: [],
});

const HASH = 'ab'.repeat(32);

// Records every call; `fail` names the projects whose start/stop rejects.
function fakeDeps(state: TrayState, options: { confirm?: boolean; fail?: string[] } = {}) {
  const calls: string[] = [];
  const reports: string[] = [];
  const act = (what: string) => (project: string) => {
    calls.push(`${what} ${project}`);
    return options.fail?.includes(project)
      ? Promise.reject(new Error(`${what} refused`))
      : Promise.resolve({});
  };
  const deps: TrayActionDeps = {
    state: () => state,
    start: act('start'),
    stop: act('stop'),
    restart: act('restart'),
    runAction: (project, action, confirm) => {
      calls.push(`run ${project} ${action}${confirm ? ` ${confirm.slice(0, 4)}` : ''}`);
      // Reset db asks to be confirmed, with its command, until run with its hash.
      if (action === 'Reset db' && confirm !== HASH) {
        return Promise.resolve({
          needsConfirmation: { action, service: 'db', command: ['sh', '-c', 'reset'], hash: HASH },
        });
      }
      return Promise.resolve(
        action === 'Broken'
          ? { exitCode: 2, output: 'one\ntwo\nthree\nfour: no such table\n' }
          : { exitCode: 0, output: 'ok' },
      );
    },
    openWindow: (target) =>
      calls.push(`window ${target ? `${target.project} ${target.view}` : ''}`),
    openSettings: () => calls.push('settings'),
    quit: () => calls.push('quit'),
    confirm: (question, detail) => {
      calls.push(`confirm ${question} | ${detail}`);
      return Promise.resolve(options.confirm ?? true);
    },
    report: (title, body) => reports.push(`${title} | ${body}`),
  };
  return { deps, calls, reports };
}

const STATE: TrayState = {
  engine: { reachable: true },
  projects: [project('shop', 2), project('blog', 0), project('wiki', 1)],
};

describe('runTrayAction', () => {
  it('starts, stops and restarts the project it names', async () => {
    const { deps, calls } = fakeDeps(STATE);
    await runTrayAction({ kind: 'stack.up', project: '/p/blog' }, deps);
    await runTrayAction({ kind: 'stack.stop', project: '/p/shop' }, deps);
    await runTrayAction({ kind: 'stack.restart', project: '/p/shop' }, deps);
    expect(calls).toEqual(['start /p/blog', 'stop /p/shop', 'restart /p/shop']);
  });

  it('asks, showing the command, when the API says so, and does nothing when told no', async () => {
    const no = fakeDeps(STATE, { confirm: false });
    await runTrayAction(
      { kind: 'action.run', project: '/p/shop', action: 'Reset db', confirm: true },
      no.deps,
    );
    const asked =
      'confirm Run "Reset db" in shop? | A quick action from parity.yaml. It runs in db:\nsh -c reset';
    expect(no.calls).toEqual(['run /p/shop Reset db', asked]);
    const yes = fakeDeps(STATE);
    await runTrayAction(
      { kind: 'action.run', project: '/p/shop', action: 'Reset db', confirm: true },
      yes.deps,
    );
    expect(yes.calls).toEqual(['run /p/shop Reset db', asked, 'run /p/shop Reset db abab']);
  });

  it('reports a quick action that fails with the end of its output', async () => {
    const { deps, reports } = fakeDeps(STATE);
    await runTrayAction(
      { kind: 'action.run', project: '/p/shop', action: 'Broken', confirm: false },
      deps,
    );
    expect(reports).toEqual([
      'shop: "Broken" failed | Exit code 2:\ntwo\nthree\nfour: no such table',
    ]);
  });

  it('reports a failed start instead of throwing at the menu', async () => {
    const { deps, reports } = fakeDeps(STATE, { fail: ['/p/blog'] });
    await runTrayAction({ kind: 'stack.up', project: '/p/blog' }, deps);
    expect(reports).toEqual(['blog: Start failed | start refused']);
  });

  it('stops every running project, each on its own', async () => {
    const { deps, calls, reports } = fakeDeps(STATE, { fail: ['/p/shop'] });
    await runTrayAction({ kind: 'stop-all' }, deps);
    expect(calls).toEqual(['stop /p/shop', 'stop /p/wiki']);
    expect(reports).toEqual(['Stop all: some projects did not stop | shop']);
  });

  it('opens windows, settings, and quits', async () => {
    const { deps, calls } = fakeDeps(STATE);
    await runTrayAction({ kind: 'open', project: '/p/shop', view: 'logs' }, deps);
    await runTrayAction({ kind: 'window' }, deps);
    await runTrayAction({ kind: 'settings' }, deps);
    await runTrayAction({ kind: 'quit' }, deps);
    expect(calls).toEqual(['window /p/shop logs', 'window ', 'settings', 'quit']);
  });
});
