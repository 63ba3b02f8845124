import { join } from 'node:path';

/** A place an engine's socket is often found, and whose it is (for messages and Settings). */
export interface SocketCandidate {
  endpoint: string;
  /** `the default socket`, `Docker Desktop's socket`, … */
  label: string;
}

/** What the search looks at; passed in so it is a pure function of them. */
export interface SocketSearch {
  platform: NodeJS.Platform;
  home: string;
  env: Record<string, string | undefined>;
  /** Whether a socket (or named pipe) is at this path. */
  exists: (path: string) => boolean;
}

/**
 * The sockets engines listen on when nobody says where, in the order the search takes them:
 * the system engine first, then Docker Desktop, Colima, OrbStack, Rancher Desktop, a rootless
 * engine and Podman.
 */
export function wellKnownSockets({
  platform,
  home,
  env,
}: Omit<SocketSearch, 'exists'>): SocketCandidate[] {
  if (platform === 'win32') {
    return [
      { endpoint: 'npipe:////./pipe/docker_engine', label: 'the default pipe' },
      { endpoint: 'npipe:////./pipe/dockerDesktopLinuxEngine', label: "Docker Desktop's pipe" },
    ];
  }
  const unix = (path: string, label: string): SocketCandidate => ({
    endpoint: `unix://${path}`,
    label,
  });
  const runtime = env.XDG_RUNTIME_DIR;
  return [
    unix('/var/run/docker.sock', 'the default socket'),
    unix(join(home, '.docker/run/docker.sock'), "Docker Desktop's socket"),
    unix(join(home, '.docker/desktop/docker.sock'), "Docker Desktop's socket"),
    unix(join(home, '.colima/default/docker.sock'), "Colima's socket"),
    unix(join(home, '.orbstack/run/docker.sock'), "OrbStack's socket"),
    unix(join(home, '.rd/docker.sock'), "Rancher Desktop's socket"),
    ...(runtime
      ? [
          unix(join(runtime, 'docker.sock'), "the rootless engine's socket"),
          unix(join(runtime, 'podman/podman.sock'), "Podman's socket"),
        ]
      : []),
  ];
}

/**
 * The first well-known socket that exists; when none does, the platform's default, so the
 * error that follows names where the engine was expected.
 */
export function findDefaultSocket(search: SocketSearch): SocketCandidate {
  const candidates = wellKnownSockets(search);
  const found = candidates.find((candidate) => search.exists(socketPath(candidate.endpoint)));
  return found ?? (candidates[0] as SocketCandidate);
}

/** The path in a unix:// or npipe:// address. */
export function socketPath(endpoint: string): string {
  return endpoint.replace(/^(unix|npipe):\/\//, '');
}
