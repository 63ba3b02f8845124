import { describe, expect, it } from 'vitest';
import {
  isAllowedHost,
  isAllowedOrigin,
  isLoopbackAddress,
  tokenFromProtocols,
  tokensMatch,
} from '../../../src/main/server/request-guards';

describe('parity serve request guards', () => {
  it('binds to loopback addresses only', () => {
    expect(['127.0.0.1', '::1', 'localhost'].map(isLoopbackAddress)).toEqual([true, true, true]);
    expect(['0.0.0.0', '::', '192.168.1.5', 'example.com'].map(isLoopbackAddress)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('accepts only loopback Host headers with the right port (DNS rebinding)', () => {
    expect(isAllowedHost('127.0.0.1:7420', 7420)).toBe(true);
    expect(isAllowedHost('localhost:7420', 7420)).toBe(true);
    expect(isAllowedHost('[::1]:7420', 7420)).toBe(true);
    expect(isAllowedHost('evil.example:7420', 7420)).toBe(false);
    expect(isAllowedHost('127.0.0.1:9999', 7420)).toBe(false);
    expect(isAllowedHost('127.0.0.1', 7420)).toBe(false);
    expect(isAllowedHost(undefined, 7420)).toBe(false);
  });

  it('accepts only the Origin of its own pages, or none (a non-browser client)', () => {
    expect(isAllowedOrigin('http://127.0.0.1:7420', 7420)).toBe(true);
    expect(isAllowedOrigin(undefined, 7420)).toBe(true);
    expect(isAllowedOrigin('http://evil.example', 7420)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:7421', 7420)).toBe(false);
    expect(isAllowedOrigin('null', 7420)).toBe(false);
  });

  it('finds the token among the offered subprotocols and compares it exactly', () => {
    const offered = tokenFromProtocols('parity.v1, parity-token.s3cret');
    expect(offered).toBe('s3cret');
    expect(tokensMatch(offered, 's3cret')).toBe(true);
    expect(tokensMatch(offered, 's3cret2')).toBe(false);
    expect(tokensMatch(tokenFromProtocols('parity.v1'), 's3cret')).toBe(false);
    expect(tokensMatch(tokenFromProtocols(undefined), 's3cret')).toBe(false);
  });
});
