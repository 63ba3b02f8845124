import { describe, expect, it } from 'vitest';
import {
  normalizePortLong,
  parsePortShort,
  type PortMapping,
} from '../../../../src/main/config/syntax/ports';
import { SyntaxValueError } from '../../../../src/main/config/syntax/syntax-error';

const PORT_OR_RANGE = 'a port number from 0 to 65535 or a range like "8000-8010"';

function port(
  target: number,
  published: string | null,
  changes: Partial<PortMapping> = {},
): PortMapping {
  return { target, published, hostIp: null, protocol: 'tcp', mode: 'ingress', ...changes };
}

function range(
  from: number,
  to: number,
  publishedFrom: number | null,
  changes: Partial<PortMapping> = {},
) {
  return Array.from({ length: to - from + 1 }, (_, i) =>
    port(from + i, publishedFrom === null ? null : String(publishedFrom + i), changes),
  );
}

describe('parsePortShort', () => {
  // Every short-syntax example of the Compose Specification, then the corners of compose-go.
  it.each<[string | number, PortMapping[]]>([
    ['3000', [port(3000, null)]],
    ['3000-3005', range(3000, 3005, null)],
    ['8000:8000', [port(8000, '8000')]],
    ['9090-9091:8080-8081', [port(8080, '9090'), port(8081, '9091')]],
    ['49100:22', [port(22, '49100')]],
    // A host range for one container port: the engine picks a free port in it.
    ['8000-9000:80', [port(80, '8000-9000')]],
    ['12400-12500:1240', [port(1240, '12400-12500')]],
    ['127.0.0.1:8001:8001', [port(8001, '8001', { hostIp: '127.0.0.1' })]],
    ['127.0.0.1:5000-5010:5000-5010', range(5000, 5010, 5000, { hostIp: '127.0.0.1' })],
    ['::1:6000:6000', [port(6000, '6000', { hostIp: '::1' })]],
    ['[::1]:6001:6001', [port(6001, '6001', { hostIp: '::1' })]],
    ['6060:6060/udp', [port(6060, '6060', { protocol: 'udp' })]],
    ['8080:80/tcp', [port(80, '8080')]],
    ['80/SCTP', [port(80, null, { protocol: 'sctp' })]],
    ['80/', [port(80, null)]],
    ['127.0.0.1::80', [port(80, null, { hostIp: '127.0.0.1' })]],
    ['0.0.0.0:80:80', [port(80, '80', { hostIp: '0.0.0.0' })]],
    ['8080-8080:80', [port(80, '8080')]],
    ['0', [port(0, null)]],
    [3000, [port(3000, null)]],
  ])('reads %j', (spec, mappings) => {
    expect(parsePortShort(spec)).toEqual(mappings);
  });

  it('orders an expanded range by the text of each port, as compose-go sorts it', () => {
    expect(parsePortShort('98-101').map((p) => p.target)).toEqual([100, 101, 98, 99]);
    expect(parsePortShort('8-9:98-99').map((p) => [p.target, p.published])).toEqual([
      [98, '8'],
      [99, '9'],
    ]);
  });

  it.each<[string | number, string, string]>([
    ['', '', 'a container port, like "80" or "8080:80"'],
    ['8000:', '8000:', 'a container port, like "80" or "8080:80"'],
    ['abc', 'abc', `a container port: ${PORT_OR_RANGE}`],
    ['70000', '70000', `a container port: ${PORT_OR_RANGE}`],
    ['3005-3000', '3005-3000', `a container port: ${PORT_OR_RANGE}`],
    ['1-2-3', '1-2-3', `a container port: ${PORT_OR_RANGE}`],
    ['-80', '-80', `a container port: ${PORT_OR_RANGE}`],
    [' 80', ' 80', `a container port: ${PORT_OR_RANGE}`],
    ['x:80', 'x', `a host port: ${PORT_OR_RANGE}`],
    ['65536:80', '65536', `a host port: ${PORT_OR_RANGE}`],
    ['80/icmp', 'icmp', 'a protocol: tcp, udp or sctp'],
    ['300.0.0.1:80:80', '300.0.0.1', 'a host IP address, like "127.0.0.1" or "[::1]"'],
    ['localhost:80:80', 'localhost', 'a host IP address, like "127.0.0.1" or "[::1]"'],
    ['fe80::1%eth0:80:80', 'fe80::1%eth0', 'a host IP address, like "127.0.0.1" or "[::1]"'],
    ['[::1:80:80', '[::1', 'an IPv6 address closed by "]"'],
    [
      '9090-9092:8080-8081',
      '9090-9092:8080-8081',
      'host and container port ranges of the same length',
    ],
    ['9090:8080-8081', '9090:8080-8081', 'host and container port ranges of the same length'],
    [3000.5, '3000.5', 'a port number from 0 to 65535'],
    [-1, '-1', 'a port number from 0 to 65535'],
  ])('refuses %j', (spec, found, expected) => {
    expect(() => parsePortShort(spec)).toThrow(new SyntaxValueError(found, expected));
  });
});

describe('normalizePortLong', () => {
  it('reads the long-syntax examples of the Compose Specification', () => {
    expect(
      normalizePortLong({
        name: 'web',
        target: 80,
        host_ip: '127.0.0.1',
        published: '8080',
        protocol: 'tcp',
        app_protocol: 'http',
        mode: 'host',
      }),
    ).toEqual({
      target: 80,
      published: '8080',
      hostIp: '127.0.0.1',
      protocol: 'tcp',
      mode: 'host',
      name: 'web',
      appProtocol: 'http',
    });
    expect(
      normalizePortLong({
        name: 'web-secured',
        target: 443,
        host_ip: '127.0.0.1',
        published: '8083-9000',
        protocol: 'tcp',
        app_protocol: 'https',
        mode: 'host',
      }),
    ).toEqual({
      target: 443,
      published: '8083-9000',
      hostIp: '127.0.0.1',
      protocol: 'tcp',
      mode: 'host',
      name: 'web-secured',
      appProtocol: 'https',
    });
    expect(
      normalizePortLong({ target: 80, published: 8080, protocol: 'tcp', mode: 'host' }),
    ).toEqual(port(80, '8080', { mode: 'host' }));
  });

  it('fills in protocol tcp and mode ingress, and takes numbers as text', () => {
    expect(normalizePortLong({ target: 443 })).toEqual(port(443, null));
    expect(normalizePortLong({ target: '80', published: '' })).toEqual(port(80, null));
    expect(normalizePortLong({ target: 80, host_ip: '', 'x-note': 'ignored' })).toEqual(
      port(80, null),
    );
    expect(normalizePortLong({ target: 53, protocol: 'UDP' })).toEqual(
      port(53, null, { protocol: 'udp' }),
    );
  });

  it.each<[Record<string, unknown>, string, string]>([
    [{}, 'nothing', 'a target port'],
    [{ target: 'http' }, 'http', 'a target port: a port number from 0 to 65535'],
    [{ target: 70000 }, '70000', 'a target port: a port number from 0 to 65535'],
    [{ target: '8080-8081' }, '8080-8081', 'a target port: a port number from 0 to 65535'],
    [{ target: 80, published: 'abc' }, 'abc', `a published port: ${PORT_OR_RANGE}`],
    [{ target: 80, published: true }, 'true', `a published port: ${PORT_OR_RANGE}`],
    [{ target: 80, protocol: 'icmp' }, 'icmp', 'a protocol: tcp, udp or sctp'],
    [{ target: 80, mode: 'global' }, 'global', 'a port mode: ingress or host'],
    [{ target: 80, host_ip: 127 }, '127', 'a string for host_ip'],
    [
      { target: 80, hostPort: 8080 },
      'hostPort',
      'a port key: target, published, host_ip, protocol, app_protocol, mode, name',
    ],
  ])('refuses %j', (obj, found, expected) => {
    expect(() => normalizePortLong(obj)).toThrow(new SyntaxValueError(found, expected));
  });
});
