import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';

/** A running socat forwarder. */
export interface Forwarder {
  stop(): Promise<void>;
}

/**
 * Starts `socat LISTEN TARGET` and waits until it listens: `ready` is the socket file it
 * creates, or the loopback port it binds.
 */
export async function startSocat(
  listen: string,
  target: string,
  ready: { socket: string } | { port: number },
): Promise<Forwarder> {
  // In a process group of its own: stopping it ends the children it forked per connection too,
  // so no connection a client pooled survives the forwarder.
  const child: ChildProcess = spawn('socat', [listen, target], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      process.kill(-child.pid, 'SIGTERM');
    }
    await exited;
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`socat ${listen} exited: ${stderr}`);
    if ('socket' in ready ? existsSync(ready.socket) : await listening(ready.port)) return { stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`socat ${listen} did not start listening: ${stderr}`);
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A loopback port free right now, for a forwarder to bind. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
