import type { LogLine } from '../../../../shared/logs';

/**
 * The hue (0-359) of a service's colour, derived from its name alone, so that a service keeps
 * its colour across views, reloads and machines.
 */
export function serviceHue(service: string): number {
  // FNV-1a, then spread by the golden angle so that similar names get distant hues.
  let hash = 0x811c9dc5;
  for (let i = 0; i < service.length; i++) {
    hash ^= service.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return Math.round((hash * 137.508) % 360);
}

/**
 * What the line's prefix shows: `web-1` for the container `shop-web-1` (or Compose v1's
 * `shop_web_1`), as `docker compose logs` does; the full name when it follows neither form.
 */
export function containerLabel(line: Pick<LogLine, 'service' | 'container'>): string {
  const { service, container } = line;
  const match = /^(.*)[-_](\d+)$/.exec(container);
  const stem = match?.[1];
  if (stem === service || stem?.endsWith(`-${service}`) || stem?.endsWith(`_${service}`)) {
    return `${service}-${match?.[2]}`;
  }
  return container;
}

/** The time a line shows when timestamps are on: ISO 8601 in UTC, to the millisecond. */
export function shortTimestamp(timestamp: string): string {
  return timestamp.length > 23 ? `${timestamp.slice(0, 23)}Z` : timestamp;
}

/** One line as text, the way copy and download write it. */
export function formatLogLine(line: LogLine, plain: string, timestamps: boolean): string {
  const stamp = timestamps ? `${line.timestamp} ` : '';
  return `${stamp}${containerLabel(line)} | ${plain}`;
}
