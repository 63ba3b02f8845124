import { describe, expect, it } from 'vitest';
import { isPublishedServiceUrl } from '../../../src/main/app/external-links';

const ports = new Set([18080, 443]);

describe('isPublishedServiceUrl', () => {
  it('lets a link to a published port on loopback open in the browser', () => {
    expect(isPublishedServiceUrl('http://127.0.0.1:18080/', ports)).toBe(true);
    expect(isPublishedServiceUrl('http://localhost:18080/orders', ports)).toBe(true);
    expect(isPublishedServiceUrl('https://[::1]/', ports)).toBe(true);
  });

  it('keeps every other link in: other ports, other hosts, other schemes, garbage', () => {
    expect(isPublishedServiceUrl('http://127.0.0.1:2375/containers/json', ports)).toBe(false);
    expect(isPublishedServiceUrl('http://evil.example:18080/', ports)).toBe(false);
    expect(isPublishedServiceUrl('file:///etc/passwd', ports)).toBe(false);
    expect(isPublishedServiceUrl('javascript:alert(1)', ports)).toBe(false);
    expect(isPublishedServiceUrl('not a url', ports)).toBe(false);
  });
});
