import { basename, isAbsolute, posix, relative, resolve, sep } from 'node:path';

/** Whether `path` is `folder` or inside it. */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  // Another drive on Windows gives an absolute path.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

// Where the engine's socket is on Linux and in Docker Desktop's VM; a bind of a folder above it
// (`/var/run`) hands the socket over as well.
const SOCKETS = ['/var/run/docker.sock', '/run/docker.sock'];
const SOCKET_NAME = /^(docker|podman|containerd|dockershim)\.sock$/;

// Host folders whose contents give a container the host: its configuration, its kernel's
// interfaces, its devices, root's home, every container's files.
const SYSTEM: Readonly<Record<string, string>> = {
  '/etc': "the host's system configuration",
  '/proc': "the host's processes",
  '/sys': "the host's kernel settings",
  '/dev': "the host's devices",
  '/boot': "the host's boot files",
  '/root': "root's home folder",
  '/var/lib/docker': "every container's files",
};

/**
 * What a bind of `source` (absolute, on the host) gives the container, when it is host-level
 * power: the whole filesystem, a system folder or one inside it, the engine's socket or a
 * folder holding it, the home folder, a folder above it or a hidden one in it (`~/.ssh`).
 * Null for anything else (a project's own `./data`, `/tmp/cache`).
 */
export function sensitiveBind(source: string, home: string): string | null {
  const path = posix.normalize(source.replace(/\\/g, '/')).replace(/(.)\/$/, '$1');
  if (path === '/') return "the host's whole filesystem";
  if (SOCKETS.includes(path) || SOCKET_NAME.test(basename(path))) {
    return 'control of the container engine (root on the host)';
  }
  if (SOCKETS.some((socket) => socket.startsWith(`${path}/`))) {
    return 'a folder holding the container engine socket (root on the host)';
  }
  for (const [folder, means] of Object.entries(SYSTEM)) {
    if (path === folder || path.startsWith(`${folder}/`)) return means;
  }
  const homePath = posix.normalize(home.replace(/\\/g, '/')).replace(/(.)\/$/, '$1');
  if (homePath === '/' || homePath === '') return null;
  if (path === homePath) return 'your home folder';
  if (homePath.startsWith(`${path}/`)) return 'a folder holding your home folder';
  if (path.startsWith(`${homePath}/.`)) return 'a private folder of your home folder';
  return null;
}
