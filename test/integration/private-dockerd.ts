import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, closeSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';

const run = promisify(execFile);

/** Why a private engine cannot run here, or null when it can. */
export async function privateDockerdUnavailable(): Promise<string | null> {
  if (process.platform !== 'linux') return 'a private dockerd runs on Linux only';
  if (process.getuid?.() !== 0) return 'starting a private dockerd needs root';
  try {
    await run('dockerd', ['--version']);
  } catch {
    return 'dockerd is not installed (apt-get install docker.io)';
  }
  try {
    await run('unshare', ['--net', '--mount', 'true']);
    return null;
  } catch (error) {
    return `cannot make network and mount namespaces (unshare): ${String(error)}`;
  }
}

/**
 * A Docker engine of the test's own, on its own socket, data and exec roots, that the test
 * may kill and restart without disturbing the machine's engine or anyone using it. It runs in
 * network and mount namespaces of its own: a dockerd with --bridge=none deletes the host's
 * docker0 bridge (the machine's engine needs it), and its mounts stay out of the host's table.
 * Its containers run with network "none". Storage is vfs, which works on any filesystem (the
 * test image is 2 MB).
 */
export class PrivateDockerd {
  readonly socketPath: string;
  readonly docker: Docker;
  private child: ChildProcess | null = null;
  private readonly cgroupParent = `parity-restart-${randomBytes(4).toString('hex')}`;

  private constructor(readonly root: string) {
    this.socketPath = join(root, 'docker.sock');
    this.docker = new Docker({ socketPath: this.socketPath });
  }

  /** Creates the roots (under /tmp, short enough for a socket path) and starts the engine. */
  static async start(): Promise<PrivateDockerd> {
    const daemon = new PrivateDockerd(await mkdtemp('/tmp/parity-restart-'));
    // An empty config, so the machine's /etc/docker/daemon.json does not apply.
    writeFileSync(join(daemon.root, 'daemon.json'), '{}\n');
    await daemon.launch();
    return daemon;
  }

  /** The endpoint as a user would write it. */
  get endpoint(): string {
    return `unix://${this.socketPath}`;
  }

  /** Starts dockerd (again) and waits until it answers. */
  async launch(): Promise<void> {
    const log = openSync(join(this.root, 'dockerd.log'), 'a');
    // unshare execs dockerd in place, so the child is dockerd itself and gets its signals.
    const child = spawn(
      'unshare',
      [
        '--net',
        '--mount',
        '--propagation=private',
        'dockerd',
        `--host=${this.endpoint}`,
        `--data-root=${join(this.root, 'data')}`,
        `--exec-root=${join(this.root, 'exec')}`,
        `--pidfile=${join(this.root, 'docker.pid')}`,
        `--config-file=${join(this.root, 'daemon.json')}`,
        `--cgroup-parent=/${this.cgroupParent}`,
        '--storage-driver=vfs',
        '--bridge=none',
        '--iptables=false',
        '--ip-masq=false',
        '--ip-forward=false',
      ],
      { stdio: ['ignore', log, log] },
    );
    closeSync(log);
    this.child = child;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`dockerd exited (${code}): ${this.root}`))),
    );
    exited.catch(() => undefined);
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await Promise.race([this.docker.ping(), exited]);
        return;
      } catch (error) {
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`${String(error)}\n${await this.logTail()}`, { cause: error });
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** Stops dockerd with `signal` and waits for it to exit (SIGKILL after 30 s). */
  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
    await this.awaitContainerdGone();
  }

  // A killed dockerd's containerd dies with it but stays a zombie until init reaps it, and a
  // dockerd started meanwhile takes the zombie (its pid file) for a live containerd and waits
  // for it in vain. So wait for the reaping, and past that forget the pid file.
  private async awaitContainerdGone(): Promise<void> {
    const pidFile = join(this.root, 'exec', 'containerd', 'containerd.pid');
    const pid = (await readFile(pidFile, 'utf8').catch(() => '')).trim();
    if (!pid) return;
    const deadline = Date.now() + 5_000;
    for (;;) {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
      if (stat === null) return;
      const zombie = stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
      if (!zombie) return;
      if (Date.now() > deadline) {
        await rm(pidFile, { force: true });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Removes every container, stops the engine, unmounts and deletes all it left behind. */
  async destroy(): Promise<void> {
    if (this.child) {
      try {
        const containers = await this.docker.listContainers({ all: true });
        await Promise.all(
          containers.map((c) => this.docker.getContainer(c.Id).remove({ force: true })),
        );
      } catch {
        // An engine that does not answer is stopped all the same.
      }
    }
    await this.kill('SIGTERM');
    await this.killLeftovers();
    await this.removeCgroups();
    const mounts = (await readFile('/proc/self/mounts', 'utf8'))
      .split('\n')
      .map((line) => line.split(' ')[1] ?? '')
      .filter((path) => path.startsWith(this.root))
      .sort((a, b) => b.length - a.length);
    for (const path of mounts) await run('umount', ['-l', path]).catch(() => undefined);
    await rm(this.root, { recursive: true, force: true });
  }

  /** The end of the engine's log, for a failure message. */
  async logTail(): Promise<string> {
    const text = await readFile(join(this.root, 'dockerd.log'), 'utf8').catch(() => '');
    return text.split('\n').slice(-15).join('\n');
  }

  // A killed dockerd can leave its containerd shims behind; they name this engine's root.
  private async killLeftovers(): Promise<void> {
    for (const pid of await readdir('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (cmdline.includes(this.root)) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
    }
  }

  // Processes of its containers that outlived it (its shims killed) are found by its cgroup.
  private async removeCgroups(): Promise<void> {
    const controllers = await readdir('/sys/fs/cgroup').catch(() => [] as string[]);
    const roots = [
      join('/sys/fs/cgroup', this.cgroupParent),
      ...controllers.map((c) => join('/sys/fs/cgroup', c, this.cgroupParent)),
    ];
    for (const root of roots) await removeCgroupTree(root);
  }
}

// Cgroup directories go with rmdir, children first, once the processes in them are killed.
async function removeCgroupTree(path: string): Promise<void> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => null);
  if (!entries) return;
  for (const entry of entries) {
    if (entry.isDirectory()) await removeCgroupTree(join(path, entry.name));
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    const procs = await readFile(join(path, 'cgroup.procs'), 'utf8').catch(() => '');
    const pids = procs.split('\n').filter(Boolean);
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await rmdir(path).catch(() => undefined);
}
