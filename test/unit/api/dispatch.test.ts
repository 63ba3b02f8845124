import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../src/shared/api/client';
import type { ApiHandlers } from '../../../src/shared/api/contract';
import { RemoteError } from '../../../src/shared/api/envelope';
import { dispatch } from '../../../src/main/api/dispatch';
import { handlersWith, recordingSession } from '../../support/api';

class EngineBusyError extends Error {
  override readonly name = 'EngineBusyError';
}

const emptyList: ApiHandlers = handlersWith({
  'stacks.list': () => Promise.resolve({ engine: 'reachable', endpoint: 'unix:///x', stacks: [] }),
});
const session = recordingSession();

describe('dispatch', () => {
  it('runs a valid request and wraps its result', async () => {
    expect(await dispatch(emptyList, 'stacks.list', {}, session)).toEqual({
      result: { engine: 'reachable', endpoint: 'unix:///x', stacks: [] },
    });
  });

  it('refuses a request the contract does not name', async () => {
    expect(await dispatch(emptyList, 'containers.removeAll', {}, session)).toEqual({
      error: { name: 'InvalidRequestError', message: 'Unknown request "containers.removeAll"' },
    });
  });

  it('refuses parameters the contract does not allow, saying which', async () => {
    const reply = await dispatch(emptyList, 'stacks.list', { all: true }, session);
    expect(reply).toMatchObject({ error: { name: 'InvalidRequestError' } });
    expect(JSON.stringify(reply)).toContain('all');
  });

  it('returns a thrown error by name and message, without its stack', async () => {
    const failing = handlersWith({
      'stacks.list': () => Promise.reject(new EngineBusyError('engine is busy')),
    });
    expect(await dispatch(failing, 'stacks.list', {}, session)).toEqual({
      error: { name: 'EngineBusyError', message: 'engine is busy' },
    });
  });
});

describe('createApiClient', () => {
  it('rethrows a remote error with its real name', async () => {
    const failing = handlersWith({
      'stacks.list': () => Promise.reject(new EngineBusyError('engine is busy')),
    });
    const client = createApiClient((method, params) => dispatch(failing, method, params, session));
    const error = await client['stacks.list']({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ name: 'EngineBusyError', message: 'engine is busy' });
  });

  it('rejects a reply the contract does not describe', async () => {
    const client = createApiClient(() => Promise.resolve({ result: { engine: 'maybe' } }));
    await expect(client['stacks.list']({})).rejects.toThrow();
  });
});
