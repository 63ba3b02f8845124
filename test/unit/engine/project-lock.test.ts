import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withProjectLock } from '../../../src/main/engine/project-lock';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withProjectLock', () => {
  it('runs two operations on one project one after the other', async () => {
    const key = `test-${Math.random().toString(36).slice(2)}`;
    const log: string[] = [];
    const op = (name: string) => async () => {
      log.push(`${name} begins`);
      await sleep(150);
      log.push(`${name} ends`);
    };
    let waited = 0;
    await Promise.all([
      withProjectLock(key, op('first'), () => waited++),
      withProjectLock(key, op('second'), () => waited++),
    ]);
    // Whichever gets the lock first, the other begins only after it ends.
    const [a, b] = log[0] === 'first begins' ? ['first', 'second'] : ['second', 'first'];
    expect(log).toEqual([`${a} begins`, `${a} ends`, `${b} begins`, `${b} ends`]);
    expect(waited).toBe(1);
  });

  it('lets operations on different projects run together', async () => {
    const log: string[] = [];
    const op = (name: string) => async () => {
      log.push(`${name} begins`);
      await sleep(100);
      log.push(`${name} ends`);
    };
    await Promise.all([
      withProjectLock('test-a-' + process.pid, op('a')),
      withProjectLock('test-b-' + process.pid, op('b')),
    ]);
    expect(log.slice(0, 2).sort()).toEqual(['a begins', 'b begins']);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const key = `test-stale-${Math.random().toString(36).slice(2)}`;
    mkdirSync(join(tmpdir(), 'parity-locks'), { recursive: true });
    // Pid 2^22 + 1 is above Linux's pid_max: no such process.
    writeFileSync(join(tmpdir(), 'parity-locks', `${key}.lock`), '4194305:gone');
    let waited = false;
    expect(
      await withProjectLock(
        key,
        () => Promise.resolve('ran'),
        () => (waited = true),
      ),
    ).toBe('ran');
    expect(waited).toBe(false);
  });

  it('releases the lock when the operation fails', async () => {
    const key = `test-fail-${Math.random().toString(36).slice(2)}`;
    await expect(withProjectLock(key, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await withProjectLock(key, () => Promise.resolve('next'))).toBe('next');
  });
});
