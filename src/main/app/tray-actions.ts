import type { ApiResult } from '../../shared/api/contract';
import type { TrayAction } from './tray-menu';
import type { TrayState } from './tray-state';
import { isActive } from './tray-summary';

/** What the tray's actions are done with; main.ts passes the API's handlers and the windows. */
export interface TrayActionDeps {
  /** The current tray state, for Stop all. */
  state(): TrayState;
  /** `stack.up` of the API. */
  start(project: string): Promise<unknown>;
  /** `stack.stop` of the API: containers are kept. */
  stop(project: string): Promise<unknown>;
  /** `stack.restart` of the API. */
  restart(project: string): Promise<unknown>;
  /** `actions.run` of the API; `confirm` is the hash of the command the user agreed to. */
  runAction(project: string, action: string, confirm?: string): Promise<ApiResult<'actions.run'>>;
  /** Shows the main window, on a project's view when given. */
  openWindow(target?: { project: string; view: 'graph' | 'logs' | 'drift' }): void;
  openSettings(): void;
  quit(): void;
  /** Asks the user; resolves true to go ahead. */
  confirm(question: string, detail: string): Promise<boolean>;
  /** Tells the user about a failure: the tray has no window to show it in. */
  report(title: string, body: string): void;
}

/** Does what a clicked tray item asks; failures are reported, never thrown at the menu. */
export async function runTrayAction(action: TrayAction, deps: TrayActionDeps): Promise<void> {
  const name = (project: string): string =>
    deps.state().projects.find((p) => p.id === project)?.name ?? project;
  try {
    switch (action.kind) {
      case 'stack.up':
        return void (await deps.start(action.project));
      case 'stack.stop':
        return void (await deps.stop(action.project));
      case 'stack.restart':
        return void (await deps.restart(action.project));
      case 'action.run': {
        // The API says when to ask (a first run, or an action marked confirm), with the command.
        let result = await deps.runAction(action.project, action.action);
        if ('needsConfirmation' in result) {
          const { service, command, hash } = result.needsConfirmation;
          const question = `Run "${action.action}" in ${name(action.project)}?`;
          const detail = `A quick action from parity.yaml. It runs in ${service}:\n${command.join(' ')}`;
          if (!(await deps.confirm(question, detail))) return;
          result = await deps.runAction(action.project, action.action, hash);
          if ('needsConfirmation' in result) {
            throw new Error('its command changed while you were asked; run it again to see it');
          }
        }
        if (result.exitCode !== 0) {
          deps.report(
            `${name(action.project)}: "${action.action}" failed`,
            lastLines(result.output, result.exitCode),
          );
        }
        return;
      }
      case 'open':
        return deps.openWindow({ project: action.project, view: action.view });
      case 'window':
        return deps.openWindow();
      case 'stop-all': {
        const running = deps.state().projects.filter(isActive);
        // Each project on its own: one that fails to stop does not keep the others running.
        const results = await Promise.allSettled(running.map((p) => deps.stop(p.id)));
        const failed = running.filter((_, i) => results[i]?.status === 'rejected');
        if (failed.length > 0) {
          deps.report('Stop all: some projects did not stop', failed.map((p) => p.name).join(', '));
        }
        return;
      }
      case 'settings':
        return deps.openSettings();
      case 'quit':
        return deps.quit();
    }
  } catch (error) {
    const project = 'project' in action ? `${name(action.project)}: ` : '';
    deps.report(
      `${project}${verb(action)} failed`,
      error instanceof Error ? error.message : String(error),
    );
  }
}

function verb(action: TrayAction): string {
  switch (action.kind) {
    case 'stack.up':
      return 'Start';
    case 'stack.stop':
      return 'Stop';
    case 'stack.restart':
      return 'Restart';
    case 'action.run':
      return `"${action.action}"`;
    case 'stop-all':
      return 'Stop all';
    case 'open':
    case 'window':
    case 'settings':
    case 'quit':
      return 'It';
  }
}

// A notification has room for a few lines: the end of the output, where the error usually is.
function lastLines(output: string, exitCode: number): string {
  const tail = output.trimEnd().split('\n').slice(-3).join('\n');
  return tail ? `Exit code ${exitCode}:\n${tail}` : `Exit code ${exitCode}`;
}
