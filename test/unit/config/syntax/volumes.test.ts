import { describe, expect, it } from 'vitest';
import { SyntaxValueError } from '../../../../src/main/config/syntax/syntax-error';
import {
  normalizeVolumeLong,
  parseVolumeShort,
  type VolumeMount,
} from '../../../../src/main/config/syntax/volumes';

const SHORT = 'a volume like "/data", "name:/data" or "./dir:/data:ro"';

function volume(
  source: string | null,
  target: string,
  changes: Partial<VolumeMount> = {},
): VolumeMount {
  return { type: 'volume', source, target, readOnly: false, ...changes };
}

// The short syntax of a bind mount creates a missing host path.
function bind(source: string, target: string, changes: Partial<VolumeMount> = {}): VolumeMount {
  const { bind: options, ...rest } = changes;
  return {
    type: 'bind',
    source,
    target,
    readOnly: false,
    bind: { createHostPath: true, ...options },
    ...rest,
  };
}

describe('parseVolumeShort', () => {
  // The Compose reference's short-syntax examples, the brief's, then compose-go's own cases.
  it.each<[string, VolumeMount]>([
    ['/var/lib/mysql', volume(null, '/var/lib/mysql')],
    ['/opt/data:/var/lib/mysql', bind('/opt/data', '/var/lib/mysql')],
    ['./cache:/tmp/cache', bind('./cache', '/tmp/cache')],
    ['~/configs:/etc/configs/:ro', bind('~/configs', '/etc/configs', { readOnly: true })],
    ['datavolume:/var/lib/mysql', volume('datavolume', '/var/lib/mysql')],
    ['/data', volume(null, '/data')],
    ['db-data:/var/lib/db', volume('db-data', '/var/lib/db')],
    ['./cache:/tmp/cache:ro', bind('./cache', '/tmp/cache', { readOnly: true })],
    [
      '~/configs:/etc/configs/:ro,z',
      bind('~/configs', '/etc/configs', { readOnly: true, bind: { selinux: 'z' } }),
    ],
    ['/host:/ctr:rw', bind('/host', '/ctr')],
    ['/host:/ctr:ro,rw', bind('/host', '/ctr')],
    ['C:\\data:/data', bind('C:\\data', '/data')],
    [
      'C:\\source\\foo:D:\\target:ro,rprivate',
      bind('C:\\source\\foo', 'D:\\target', { readOnly: true, bind: { propagation: 'rprivate' } }),
    ],
    ['c:/:d:/forward/slashes', bind('c:/', 'd:/forward/slashes')],
    [
      '\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\inside',
      bind('\\\\.\\pipe\\docker_engine', '\\\\.\\pipe\\inside'),
    ],
    ['../other:/target', bind('../other', '/target')],
    ['/source:/target:slave', bind('/source', '/target', { bind: { propagation: 'slave' } })],
    [
      '/source:/target:ro,Z',
      bind('/source', '/target', { readOnly: true, bind: { selinux: 'Z' } }),
    ],
    ['name:/target:nocopy', volume('name', '/target', { volume: { nocopy: true } })],
    ['/tmp/x/y:/foo/x/y', bind('/tmp/x/y', '/foo/x/y')],
    ['/src:/data/../other/./x', bind('/src', '/other/x')],
    // Unknown options are ignored, and bind options count even on a named volume, as in compose-go.
    ['name:/target:bogus', volume('name', '/target')],
    ['name:/target:z', volume('name', '/target', { bind: { selinux: 'z' } })],
    // A spec of one or two bytes is a container path; so is a single part with a drive letter.
    ['.', volume(null, '.')],
    ['/a', volume(null, '/a')],
    ['C:\\path', volume(null, 'C:\\path')],
    // A one-letter volume name reads as a drive letter on every platform, as compose-go does.
    ['a:/data', volume(null, 'a:/data')],
  ])('reads %j', (spec, mount) => {
    expect(parseVolumeShort(spec)).toEqual(mount);
  });

  it.each<[string, string]>([
    ['', SHORT],
    ['/foo:/foo:ro:foo', `${SHORT}, with at most two colons`],
    [':foo', `${SHORT}, with no empty part between colons`],
    ['/foo::ro', `${SHORT}, with no empty part between colons`],
    ['/foo:', `${SHORT}, with no empty part between colons`],
  ])('refuses %j', (spec, expected) => {
    expect(() => parseVolumeShort(spec)).toThrow(new SyntaxValueError(spec, expected));
  });
});

describe('normalizeVolumeLong', () => {
  it('reads the long-syntax examples of the Compose Specification', () => {
    expect(
      normalizeVolumeLong({
        type: 'volume',
        source: 'db-data',
        target: '/data',
        volume: { nocopy: true, subpath: 'sub' },
      }),
    ).toEqual(volume('db-data', '/data', { volume: { nocopy: true, subpath: 'sub' } }));
    // Without a bind: mapping, a long-syntax bind mount does not create the host path.
    expect(
      normalizeVolumeLong({
        type: 'bind',
        source: '/var/run/postgres/postgres.sock',
        target: '/var/run/postgres/postgres.sock',
      }),
    ).toEqual({
      type: 'bind',
      source: '/var/run/postgres/postgres.sock',
      target: '/var/run/postgres/postgres.sock',
      readOnly: false,
    });
  });

  it('reads bind options, with create_host_path true unless it says otherwise', () => {
    expect(
      normalizeVolumeLong({
        type: 'bind',
        source: './src',
        target: '/app',
        read_only: true,
        bind: { propagation: 'rshared', selinux: 'z' },
      }),
    ).toEqual(
      bind('./src', '/app', { readOnly: true, bind: { propagation: 'rshared', selinux: 'z' } }),
    );
    expect(
      normalizeVolumeLong({
        type: 'bind',
        source: '/x',
        target: '/x',
        bind: { create_host_path: false },
      }),
    ).toEqual({
      type: 'bind',
      source: '/x',
      target: '/x',
      readOnly: false,
      bind: { createHostPath: false },
    });
  });

  it('reads tmpfs sizes with units and modes as numbers or octal text', () => {
    expect(
      normalizeVolumeLong({ type: 'tmpfs', target: '/tmp', tmpfs: { size: '64m', mode: 0o1777 } }),
    ).toEqual({
      type: 'tmpfs',
      source: null,
      target: '/tmp',
      readOnly: false,
      tmpfs: { size: 64 * 1024 ** 2, mode: 0o1777 },
    });
    expect(
      normalizeVolumeLong({ type: 'tmpfs', target: '/t', tmpfs: { size: 1000, mode: '01777' } }),
    ).toEqual({
      type: 'tmpfs',
      source: null,
      target: '/t',
      readOnly: false,
      tmpfs: { size: 1000, mode: 0o1777 },
    });
    expect(
      normalizeVolumeLong({ type: 'tmpfs', target: '/t', tmpfs: { mode: '0o755' } }).tmpfs,
    ).toEqual({
      mode: 0o755,
    });
  });

  it('reads booleans written as text, keeps the target as written, and knows every mount type', () => {
    expect(normalizeVolumeLong({ type: 'volume', target: '/data/', read_only: 'true' })).toEqual(
      volume(null, '/data/', { readOnly: true }),
    );
    expect(
      normalizeVolumeLong({
        type: 'volume',
        source: 'v',
        target: '/v',
        volume: { nocopy: 'false' },
      }),
    ).toEqual(volume('v', '/v', { volume: { nocopy: false } }));
    expect(
      normalizeVolumeLong({
        type: 'image',
        source: 'alpine:3',
        target: '/img',
        image: { subpath: 'etc' },
      }),
    ).toEqual({
      type: 'image',
      source: 'alpine:3',
      target: '/img',
      readOnly: false,
      image: { subpath: 'etc' },
    });
    expect(
      normalizeVolumeLong({ type: 'npipe', source: '\\\\.\\pipe\\x', target: '\\\\.\\pipe\\x' })
        .type,
    ).toBe('npipe');
    expect(
      normalizeVolumeLong({ type: 'cluster', source: 'c', target: '/c', 'x-note': 1 }).type,
    ).toBe('cluster');
  });

  it.each<[Record<string, unknown>, string, string]>([
    [{ target: '/x' }, 'nothing', 'a mount type: volume, bind, tmpfs, npipe, cluster, image'],
    [
      { type: 'nfs', target: '/x' },
      'nfs',
      'a mount type: volume, bind, tmpfs, npipe, cluster, image',
    ],
    [{ type: 'volume', source: 'v' }, 'nothing', 'a mount target: the path in the container'],
    [{ type: 'volume', target: '' }, '', 'a mount target: the path in the container'],
    [{ type: 'volume', target: 5 }, '5', 'a mount target: the path in the container'],
    [
      { type: 'volume', target: '/x', driver: 'local' },
      'driver',
      'a key of mount: type, source, target, read_only, consistency, bind, volume, tmpfs, image',
    ],
    [
      { type: 'bind', source: '/x', target: '/x', bind: { mode: 'ro' } },
      'mode',
      'a key of bind: propagation, create_host_path, selinux, recursive',
    ],
    [
      { type: 'bind', source: '/x', target: '/x', bind: { selinux: 'x' } },
      'x',
      'an SELinux option: z or Z',
    ],
    [{ type: 'bind', source: '/x', target: '/x', bind: 'yes' }, 'yes', 'a mapping for bind'],
    [{ type: 'volume', target: '/x', read_only: 'maybe' }, 'maybe', 'true or false for read_only'],
    [{ type: 'volume', source: 7, target: '/x' }, '7', 'a string for source'],
    [
      { type: 'tmpfs', target: '/t', tmpfs: { size: 'lots' } },
      'lots',
      'a size in bytes, optionally with a unit b, k, m, g, t or p (like "512m", "1.5g" or "256MiB")',
    ],
    [{ type: 'tmpfs', target: '/t', tmpfs: { mode: '0999' } }, '0999', 'a file mode, like 0o1777'],
    [{ type: 'tmpfs', target: '/t', tmpfs: { mode: -1 } }, '-1', 'a file mode, like 0o1777'],
  ])('refuses %j', (obj, found, expected) => {
    expect(() => normalizeVolumeLong(obj)).toThrow(new SyntaxValueError(found, expected));
  });
});
