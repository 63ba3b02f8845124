import { chownSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockFolderPath } from '../../../src/main/engine/lock-folder';
import {
  ProjectLockTimeoutError,
  withProjectLock,
  type LockHolder,
} from '../../../src/main/engine/project-lock';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A lock folder of this test's own, as the user's lock folder would be. */
const folder = (): string => join(mkdtempSync(join(tmpdir(), 'parity-lock-test-')), 'locks');
const record = (fields: Partial<LockHolder>): string =>
  JSON.stringify({
    pid: 1,
    start: '1',
    argv: ['/sbin/init'],
    since: Date.now(),
    token: 'x',
    ...fields,
  });

describe('withProjectLock', () => {
  it('runs two operations on one project one after the other', async () => {
    const dir = folder();
    const log: string[] = [];
    const op = (name: string) => async () => {
      log.push(`${name} begins`);
      await sleep(150);
      log.push(`${name} ends`);
    };
    const waits: LockHolder[] = [];
    await Promise.all([
      withProjectLock('k', op('first'), { dir, onWait: (h) => waits.push(h) }),
      withProjectLock('k', op('second'), { dir, onWait: (h) => waits.push(h) }),
    ]);
    // Whichever gets the lock first, the other begins only after it ends.
    const [a, b] = log[0] === 'first begins' ? ['first', 'second'] : ['second', 'first'];
    expect(log).toEqual([`${a} begins`, `${a} ends`, `${b} begins`, `${b} ends`]);
    expect(waits.map((h) => h.pid)).toEqual([process.pid]);
    // Nothing is left behind: no lock, no temporary file.
    expect(readdirSync(dir)).toEqual([]);
  });

  it('lets operations on different projects run together', async () => {
    const dir = folder();
    const log: string[] = [];
    const op = (name: string) => async () => {
      log.push(`${name} begins`);
      await sleep(100);
      log.push(`${name} ends`);
    };
    await Promise.all([
      withProjectLock('a', op('a'), { dir }),
      withProjectLock('b', op('b'), { dir }),
    ]);
    expect(log.slice(0, 2).sort()).toEqual(['a begins', 'b begins']);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = folder();
    mkdirSync(dir, { recursive: true });
    // Pid 2^22 + 1 is above Linux's pid_max: no such process.
    writeFileSync(join(dir, 'k.lock'), record({ pid: 4194305 }));
    let waited = false;
    const ran = await withProjectLock('k', () => Promise.resolve('ran'), {
      dir,
      onWait: () => (waited = true),
    });
    expect(ran).toBe('ran');
    expect(waited).toBe(false);
  });

  it.runIf(process.platform === 'linux')(
    'takes over a planted lock naming a live process that is not Parity (pid 1), at once',
    async () => {
      const dir = folder();
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'k.lock'), record({ pid: 1, argv: ['parity', 'up'] }));
      const began = Date.now();
      expect(await withProjectLock('k', () => Promise.resolve('ran'), { dir })).toBe('ran');
      expect(Date.now() - began).toBeLessThan(2_000);
    },
  );

  it('takes over a lock file that is not a lock record (planted text, an old format)', async () => {
    const dir = folder();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'k.lock'), '1:planted');
    expect(await withProjectLock('k', () => Promise.resolve('ran'), { dir })).toBe('ran');
  });

  it('gives up after its timeout with a message naming the holder and the lock file', async () => {
    const dir = folder();
    let release = (): void => undefined;
    const holding = withProjectLock('k', () => new Promise<void>((r) => (release = r)), { dir });
    await sleep(50);
    const began = Date.now();
    const waiting = withProjectLock('k', () => Promise.resolve('ran'), { dir, timeoutMs: 400 });
    await expect(waiting).rejects.toThrow(ProjectLockTimeoutError);
    await expect(waiting).rejects.toThrow(
      new RegExp(`gave up after 0 s: .*pid ${process.pid}.* delete ${join(dir, 'k.lock')}`),
    );
    expect(Date.now() - began).toBeLessThan(1_500);
    release();
    await holding;
  });

  it('releases the lock when the operation fails', async () => {
    const dir = folder();
    await expect(
      withProjectLock('k', () => Promise.reject(new Error('boom')), { dir }),
    ).rejects.toThrow('boom');
    expect(await withProjectLock('k', () => Promise.resolve('next'), { dir })).toBe('next');
  });

  it('creates its folder 0700 and the lock 0600', async () => {
    const dir = folder();
    let mode = 0;
    await withProjectLock(
      'k',
      () => {
        mode = statSync(join(dir, 'k.lock')).mode & 0o777;
        return Promise.resolve();
      },
      { dir },
    );
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(mode).toBe(0o600);
  });

  it.runIf(process.platform !== 'win32')('refuses a lock folder another user owns', async () => {
    const dir = folder();
    mkdirSync(dir, { recursive: true });
    // As root, a folder given to nobody; as anyone else, a folder of root's.
    const foreign = process.getuid?.() === 0 ? dir : '/';
    if (foreign === dir) chownSync(dir, 65534, 65534);
    await expect(withProjectLock('k', () => Promise.resolve(), { dir: foreign })).rejects.toThrow(
      /belongs to another user/,
    );
  });
});

describe('lockFolderPath', () => {
  it("is the user's runtime folder, else the state folder, never a shared /tmp path", () => {
    expect(lockFolderPath({ XDG_RUNTIME_DIR: '/run/user/1000' }, 'linux', '/home/me')).toBe(
      '/run/user/1000/parity/locks',
    );
    expect(lockFolderPath({}, 'linux', '/home/me')).toBe('/home/me/.local/state/parity/locks');
    expect(lockFolderPath({ XDG_STATE_HOME: '/s' }, 'linux', '/home/me')).toBe('/s/parity/locks');
    expect(lockFolderPath({}, 'darwin', '/Users/me')).toBe('/Users/me/Library/Caches/Parity/locks');
  });

  it.runIf(process.platform === 'linux')(
    "skips a runtime folder of another user (sudo -E keeps the invoker's)",
    () => {
      const runtime = mkdtempSync(join(tmpdir(), 'parity-runtime-'));
      // As root, a folder given to nobody; as anyone else, root's own /.
      const foreign = process.getuid?.() === 0 ? runtime : '/';
      if (foreign === runtime) chownSync(runtime, 65534, 65534);
      expect(lockFolderPath({ XDG_RUNTIME_DIR: foreign }, 'linux', '/home/me')).toBe(
        '/home/me/.local/state/parity/locks',
      );
    },
  );
});
