import { describe, expect, it, vi } from 'vitest';
import type { SetMirrorResult } from '../../../../shared/api/adopt-contract';
import type { TrustRequest } from '../../../../shared/trust';
import { setMirrorWithTrust } from './MirrorSwitchTrust';

const request: TrustRequest = {
  hash: 'b'.repeat(64),
  asks: [{ service: 'api', key: 'privileged', value: 'true', means: 'full access to the host' }],
};
const asked: SetMirrorResult = { mirror: false, failed: [], removed: [], needsTrust: request };
const on: SetMirrorResult = { mirror: true, failed: [], removed: [] };

function client(...answers: SetMirrorResult[]) {
  const call = vi.fn<
    (params: { project: string; mirror: boolean; trust?: string }) => Promise<SetMirrorResult>
  >(() => Promise.resolve(answers.shift() ?? on));
  return { call, api: { 'projects.setMirror': call } };
}

describe('setMirrorWithTrust', () => {
  it('shows what production asks and, declined, turns nothing on', async () => {
    const { call, api } = client(asked);
    const ask = vi.fn(() => Promise.resolve(false));
    await expect(
      setMirrorWithTrust(api, { project: '/p', mirror: true }, ask),
    ).rejects.toMatchObject({ name: 'DeclinedError' });
    expect(ask).toHaveBeenCalledWith(request);
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('agreed, turns it on with the hash of exactly what was shown', async () => {
    const { call, api } = client(asked, on);
    const result = await setMirrorWithTrust(api, { project: '/p', mirror: true }, () =>
      Promise.resolve(true),
    );
    expect(result.mirror).toBe(true);
    expect(call).toHaveBeenLastCalledWith({ project: '/p', mirror: true, trust: request.hash });
  });

  it('asks nothing when nothing needs trust', async () => {
    const { call, api } = client(on);
    const ask = vi.fn(() => Promise.resolve(true));
    await setMirrorWithTrust(api, { project: '/p', mirror: true }, ask);
    expect(ask).not.toHaveBeenCalled();
    expect(call).toHaveBeenCalledTimes(1);
  });
});
