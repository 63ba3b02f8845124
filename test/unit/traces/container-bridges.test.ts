import { describe, expect, it } from 'vitest';
import { isLocalContainerPeer } from '../../../src/main/traces/container-bridges';

describe('who may post spans to the bridge listener', () => {
  it('lets loopback in, in both address families', () => {
    expect(isLocalContainerPeer('127.0.0.1')).toBe(true);
    expect(isLocalContainerPeer('::ffff:127.0.0.1')).toBe(true);
    expect(isLocalContainerPeer('::1')).toBe(true);
  });

  it('keeps out addresses on no container bridge of this machine, and anything unreadable', () => {
    // TEST-NET-3 and a public resolver: never a local container network.
    expect(isLocalContainerPeer('203.0.113.7')).toBe(false);
    expect(isLocalContainerPeer('8.8.8.8')).toBe(false);
    expect(isLocalContainerPeer('fe80::1')).toBe(false);
    expect(isLocalContainerPeer('999.1.1.1')).toBe(false);
    expect(isLocalContainerPeer(undefined)).toBe(false);
  });
});
