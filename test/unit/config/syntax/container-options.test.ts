import { describe, expect, it } from 'vitest';
import {
  parseDevice,
  parseExpose,
  parseUlimit,
} from '../../../../src/main/config/syntax/container-options';

describe('expose', () => {
  it('reads a port, a protocol and a range as the engine keys them', () => {
    expect(parseExpose(3000)).toEqual(['3000/tcp']);
    expect(parseExpose('53/udp')).toEqual(['53/udp']);
    expect(parseExpose('8000-8002')).toEqual(['8000/tcp', '8001/tcp', '8002/tcp']);
  });

  it('refuses what is not a port', () => {
    for (const bad of ['http', '0', '70000', '9-3', '80/xyz', '80:80']) {
      expect(() => parseExpose(bad), bad).toThrow(/expected a container port/);
    }
  });
});

describe('ulimits', () => {
  it('reads a single number as both limits, or soft and hard', () => {
    expect(parseUlimit(65535)).toEqual({ soft: 65535, hard: 65535 });
    expect(parseUlimit({ soft: 1024, hard: 4096 })).toEqual({ soft: 1024, hard: 4096 });
    expect(parseUlimit({ soft: '-1', hard: -1 })).toEqual({ soft: -1, hard: -1 });
  });

  it('refuses a soft limit over the hard one, a missing limit, or another key', () => {
    expect(() => parseUlimit({ soft: 10, hard: 5 })).toThrow(/soft 10 > hard 5/);
    expect(() => parseUlimit({ soft: 10 })).toThrow(/expected a whole number, or \{ soft/);
    expect(() => parseUlimit({ soft: 1, hard: 2, max: 3 })).toThrow(/expected a whole number/);
    expect(() => parseUlimit('lots')).toThrow(/found "lots"/);
  });
});

describe('devices', () => {
  it('reads HOST[:CONTAINER][:PERMISSIONS] and the long form', () => {
    expect(parseDevice('/dev/fuse')).toEqual({
      pathOnHost: '/dev/fuse',
      pathInContainer: '/dev/fuse',
      permissions: 'rwm',
    });
    expect(parseDevice('/dev/fuse:rw')).toEqual({
      pathOnHost: '/dev/fuse',
      pathInContainer: '/dev/fuse',
      permissions: 'rw',
    });
    expect(parseDevice('/dev/ttyUSB0:/dev/ttyUSB1:r')).toEqual({
      pathOnHost: '/dev/ttyUSB0',
      pathInContainer: '/dev/ttyUSB1',
      permissions: 'r',
    });
    expect(parseDevice({ source: '/dev/sda', target: '/dev/xvda', permissions: 'rwm' })).toEqual({
      pathOnHost: '/dev/sda',
      pathInContainer: '/dev/xvda',
      permissions: 'rwm',
    });
  });

  it('refuses a relative path, bad permissions or too many parts', () => {
    expect(() => parseDevice('dev/fuse')).toThrow(/expected "\/dev\/HOST/);
    expect(() => parseDevice('/dev/a:/dev/b:rwx')).toThrow(/expected "\/dev\/HOST/);
    expect(() => parseDevice({ source: '/dev/a', permissions: 'x' })).toThrow(
      /permissions made of r, w and m/,
    );
  });
});
