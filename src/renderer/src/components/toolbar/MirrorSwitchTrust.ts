import type { ApiClient } from '../../../../shared/api/contract';
import type { SetMirrorResult } from '../../../../shared/api/adopt-contract';
import type { TrustRequest } from '../../../../shared/trust';
import { DeclinedError } from '../../lib/trusted-calls';

/**
 * `projects.setMirror`, asking the user (the dialog Start shows) when the mirrored stack wants
 * host-level power its folder is not trusted for, then turning it on with the hash of what the
 * user saw. Throws DeclinedError on Cancel: the switch stays off.
 */
export async function setMirrorWithTrust(
  api: Pick<ApiClient, 'projects.setMirror'>,
  params: { project: string; mirror: boolean },
  askTrust: (request: TrustRequest) => Promise<boolean>,
): Promise<SetMirrorResult> {
  const first = await api['projects.setMirror'](params);
  if (!first.needsTrust) return first;
  if (!(await askTrust(first.needsTrust))) {
    throw new DeclinedError("Not trusted; the laptop's own stack keeps running");
  }
  const second = await api['projects.setMirror']({ ...params, trust: first.needsTrust.hash });
  if (second.needsTrust) {
    throw new Error('Its files changed while you were asked; turn the switch on again to see them');
  }
  return second;
}
