import { describe, expect, it } from 'vitest';
import { Docker } from '../../../src/main/engine/dockerode-lazy';

describe('dockerode without its eager start-up cost', () => {
  it('still dials an ssh:// engine, loading ssh2 on first use', async () => {
    const docker = new Docker({ protocol: 'ssh', host: '127.0.0.1', port: 1, username: 'x' });
    const error = (await docker.ping().catch((e: unknown) => e)) as NodeJS.ErrnoException;
    // Refused by the closed port: the real ssh client tried to connect.
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('says BuildKit sessions are not supported instead of loading gRPC', async () => {
    const docker = new Docker({ socketPath: '/nonexistent.sock' });
    // dockerode opens a session only for a BuildKit (version 2) build; the stub throws at once.
    const attempt = (async () => docker.buildImage({ context: '.', src: [] }, { version: '2' }))();
    await expect(attempt).rejects.toThrow(/BuildKit sessions are not supported/);
  });
});
