import { describe, expect, it } from 'vitest';
import { containerLabel, formatLogLine, serviceHue, shortTimestamp } from './log-format';

describe('log formatting', () => {
  it('gives each service a hue from its name alone, the same every time', () => {
    expect(serviceHue('api')).toBe(serviceHue('api'));
    expect(serviceHue('api')).not.toBe(serviceHue('web'));
    for (const name of ['api', 'web', 'worker', '']) {
      expect(serviceHue(name)).toBeGreaterThanOrEqual(0);
      expect(serviceHue(name)).toBeLessThan(360);
    }
  });

  it('labels lines as docker compose logs does', () => {
    expect(containerLabel({ service: 'web', container: 'shop-web-1' })).toBe('web-1');
    expect(containerLabel({ service: 'web', container: 'shop_web_2' })).toBe('web-2');
    expect(containerLabel({ service: 'db', container: 'custom-name' })).toBe('custom-name');
  });

  it('writes lines for copy and download, with timestamps when shown', () => {
    const line = {
      service: 'api',
      container: 'shop-api-1',
      stream: 'stdout' as const,
      timestamp: '2025-03-04T05:06:07.123456789Z',
      text: 'x',
    };
    expect(formatLogLine(line, 'ready', false)).toBe('api-1 | ready');
    expect(formatLogLine(line, 'ready', true)).toBe('2025-03-04T05:06:07.123456789Z api-1 | ready');
    expect(shortTimestamp(line.timestamp)).toBe('2025-03-04T05:06:07.123Z');
  });
});
