import type { DeviceMapping, Ulimit } from '../../../shared/model';
import { foundText, SyntaxValueError } from './syntax-error';

const PROTOCOLS = ['tcp', 'udp', 'sctp'];

/**
 * An `expose` entry as the engine's ExposedPorts keys: `3000` is `3000/tcp`, a range
 * `3000-3002/udp` each of its ports, as the Docker CLI expands `--expose`.
 */
export function parseExpose(value: string | number): string[] {
  const text = String(value);
  const match = /^(\d+)(?:-(\d+))?(?:\/([a-z]+))?$/i.exec(text);
  const protocol = (match?.[3] ?? 'tcp').toLowerCase();
  const first = Number(match?.[1]);
  const last = match?.[2] === undefined ? first : Number(match[2]);
  if (
    !match ||
    !PROTOCOLS.includes(protocol) ||
    first < 1 ||
    last > 65535 ||
    last < first ||
    last - first > 65535
  ) {
    throw new SyntaxValueError(text, 'a container port, like 3000, "3000/udp" or "3000-3005"');
  }
  return Array.from({ length: last - first + 1 }, (_, i) => `${first + i}/${protocol}`);
}

/** One `ulimits` entry: a number (soft and hard alike) or `{ soft, hard }`. */
export function parseUlimit(value: unknown): Ulimit {
  const whole = (v: unknown): number | null =>
    typeof v === 'number' && Number.isInteger(v)
      ? v
      : typeof v === 'string' && /^-?\d+$/.test(v)
        ? Number(v)
        : null;
  const single = whole(value);
  if (single !== null) return { soft: single, hard: single };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const soft = whole(record.soft);
    const hard = whole(record.hard);
    const extra = Object.keys(record).filter((key) => key !== 'soft' && key !== 'hard');
    if (soft !== null && hard !== null && extra.length === 0) {
      if (soft > hard) {
        throw new SyntaxValueError(
          foundText(value),
          `a soft limit no greater than the hard one (soft ${soft} > hard ${hard})`,
        );
      }
      return { soft, hard };
    }
  }
  throw new SyntaxValueError(foundText(value), 'a whole number, or { soft: N, hard: N }');
}

/**
 * A `devices` entry: `HOST[:CONTAINER][:PERMISSIONS]` (the container path defaults to the host
 * one, permissions to rwm), or the long form `{ source, target, permissions }`.
 */
export function parseDevice(value: unknown): DeviceMapping {
  const expected = '"/dev/HOST[:/dev/CONTAINER][:rwm]", or { source, target, permissions }';
  let source: unknown;
  let target: unknown;
  let permissions: unknown;
  if (typeof value === 'string') {
    const parts = value.split(':');
    // The last part is permissions when it reads as permissions (`/dev/fuse:rw`).
    if (parts.length > 1 && /^[rwm]+$/.test(parts.at(-1) ?? '')) permissions = parts.pop();
    [source, target] = parts;
    if (parts.length > 2) throw new SyntaxValueError(value, expected);
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    ({ source, target, permissions } = value as Record<string, unknown>);
  }
  const path = (v: unknown): v is string => typeof v === 'string' && v.startsWith('/');
  if (!path(source) || (target !== undefined && !path(target))) {
    throw new SyntaxValueError(foundText(value), expected);
  }
  if (
    permissions !== undefined &&
    (typeof permissions !== 'string' || !/^[rwm]+$/.test(permissions))
  ) {
    throw new SyntaxValueError(foundText(value), `permissions made of r, w and m (${expected})`);
  }
  return {
    pathOnHost: source,
    pathInContainer: target ?? source,
    permissions: typeof permissions === 'string' ? permissions : 'rwm',
  };
}
