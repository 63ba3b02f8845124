import type { ApiClient, ApiParams, ApiResult } from '../../../shared/api/contract';
import type { ActionConfirmation, TrustRequest } from '../../../shared/trust';

/** Thrown when the user declined: the operation ends without running anything. */
export class DeclinedError extends Error {
  override readonly name = 'DeclinedError';
}

/**
 * `stack.up`, asking the user when the stack wants host-level power its folder is not trusted
 * for, then starting it with the hash of what the user saw. Throws DeclinedError on Cancel.
 */
export async function upWithTrust(
  api: Pick<ApiClient, 'stack.up'>,
  params: Omit<ApiParams<'stack.up'>, 'trust'>,
  askTrust: (request: TrustRequest) => Promise<boolean>,
): Promise<ApiResult<'stack.up'>> {
  const first = await api['stack.up'](params);
  if (!first.needsTrust) return first;
  if (!(await askTrust(first.needsTrust))) throw new DeclinedError('Not trusted; nothing started');
  const second = await api['stack.up']({ ...params, trust: first.needsTrust.hash });
  if (second.needsTrust) {
    throw new Error('Its files changed while you were asked; press Start again to see them');
  }
  return second;
}

/**
 * `actions.run`, showing the command first when the API asks for it (a first run here, or an
 * action marked confirm). Throws DeclinedError on Cancel.
 */
export async function runActionConfirmed(
  api: Pick<ApiClient, 'actions.run'>,
  project: string,
  action: string,
  askAction: (confirmation: ActionConfirmation) => Promise<boolean>,
): Promise<{ exitCode: number; output: string }> {
  const first = await api['actions.run']({ project, action });
  if (!('needsConfirmation' in first)) return first;
  if (!(await askAction(first.needsConfirmation))) throw new DeclinedError('Not run');
  const second = await api['actions.run']({
    project,
    action,
    confirm: first.needsConfirmation.hash,
  });
  if ('needsConfirmation' in second) {
    throw new Error('Its command changed while you were asked; run it again to see it');
  }
  return second;
}
