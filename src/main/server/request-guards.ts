import { createHash, timingSafeEqual } from 'node:crypto';
import { WS_TOKEN_PREFIX } from '../../shared/api/wire';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Whether `parity serve` may bind to this address: loopback only. */
export function isLoopbackAddress(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

/**
 * Whether a Host header names this server by a loopback name. Anything else is a DNS
 * rebinding attempt: a foreign name that resolves to 127.0.0.1.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return (
    hostHeader !== undefined && LOOPBACK_NAMES.some((name) => hostHeader === `${name}:${port}`)
  );
}

/**
 * Whether an Origin header belongs to a page this server served. A missing Origin means the
 * client is not a browser page (a script, a test); it still needs the token.
 */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return LOOPBACK_NAMES.some((name) => origin === `http://${name}:${port}`);
}

/** Finds the token among the offered WebSocket subprotocols. */
export function tokenFromProtocols(header: string | undefined): string | null {
  for (const protocol of (header ?? '').split(',')) {
    const trimmed = protocol.trim();
    if (trimmed.startsWith(WS_TOKEN_PREFIX)) return trimmed.slice(WS_TOKEN_PREFIX.length);
  }
  return null;
}

/** Compares tokens in constant time, whatever their lengths. */
export function tokensMatch(offered: string | null, expected: string): boolean {
  if (offered === null) return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(offered), digest(expected));
}
