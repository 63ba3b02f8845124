import { describe, expect, it } from 'vitest';
import { findDefaultSocket } from '../../../../src/main/engine/endpoint/well-known-sockets';

const home = '/home/ada';
const env = { XDG_RUNTIME_DIR: '/run/user/1000' };

function found(present: string[], platform: NodeJS.Platform = 'linux') {
  return findDefaultSocket({ platform, home, env, exists: (path) => present.includes(path) });
}

describe('the local engine when nothing names one', () => {
  it('takes the first socket that exists, in the order Docker users expect', () => {
    const all = [
      '/var/run/docker.sock',
      '/home/ada/.docker/run/docker.sock',
      '/home/ada/.docker/desktop/docker.sock',
      '/home/ada/.colima/default/docker.sock',
      '/home/ada/.orbstack/run/docker.sock',
      '/home/ada/.rd/docker.sock',
      '/run/user/1000/docker.sock',
      '/run/user/1000/podman/podman.sock',
    ];
    const labels = [
      'the default socket',
      "Docker Desktop's socket",
      "Docker Desktop's socket",
      "Colima's socket",
      "OrbStack's socket",
      "Rancher Desktop's socket",
      "the rootless engine's socket",
      "Podman's socket",
    ];
    all.forEach((path, index) => {
      const socket = found(all.slice(index));
      expect(socket).toEqual({ endpoint: `unix://${path}`, label: labels[index] });
    });
  });

  it('names the system socket when none exists, so the error says where it looked', () => {
    expect(found([]).endpoint).toBe('unix:///var/run/docker.sock');
    expect(
      findDefaultSocket({ platform: 'linux', home, env: {}, exists: () => false }).endpoint,
    ).toBe('unix:///var/run/docker.sock');
  });

  it("looks at Docker's named pipes on Windows", () => {
    expect(found([], 'win32').endpoint).toBe('npipe:////./pipe/docker_engine');
    expect(found(['//./pipe/dockerDesktopLinuxEngine'], 'win32').endpoint).toBe(
      'npipe:////./pipe/dockerDesktopLinuxEngine',
    );
  });
});
