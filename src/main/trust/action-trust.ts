import type { ActionConfirmation } from '../../shared/trust';
import type { LoadedProject } from '../config/load-project';
import { hashCommand } from './trust-hash';
import { isTrusted, recordTrust, type TrustSettings } from './trust-store';

/** The command a quick action runs: a list as is (exec form), a string with `sh -c`. */
export function actionCommand(run: string | readonly string[]): string[] {
  return typeof run === 'string' ? ['sh', '-c', run] : [...run];
}

/**
 * What the user must see before a quick action runs: its exact command, on its first run in
 * this folder (per command: a changed command asks again) and on every run of an action marked
 * `confirm: true`. `confirmed` is the hash the user agreed to: when it is this command's, the
 * decision is recorded and the action may run (null). Null too for an action not in parity.yaml,
 * which the run itself reports.
 */
export function actionConfirmation(
  project: LoadedProject,
  name: string,
  settings: TrustSettings,
  confirmed: string | undefined,
): ActionConfirmation | null {
  const action = project.parity?.actions?.find((a) => a.name === name);
  if (!action) return null;
  const command = actionCommand(action.run);
  const hash = hashCommand(action.service, command);
  if (confirmed === hash) {
    if (!isTrusted(settings, project.configDir, 'action', hash)) {
      recordTrust(settings, project.configDir, 'action', hash);
    }
    return null;
  }
  if (action.confirm !== true && isTrusted(settings, project.configDir, 'action', hash)) {
    return null;
  }
  return { action: action.name, service: action.service, command, hash };
}
