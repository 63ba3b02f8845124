import type { Server } from 'node:net';

/** Starts a server listening on host:port, rejecting with the bind's error (EADDRINUSE, ...). */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
