import { isIP } from 'node:net';
import type { PortMapping } from '../../../shared/model';
import { foundText, SyntaxValueError } from './syntax-error';

/** A published or exposed port, in Compose's long form. */
export type { PortMapping };

const PORT = 'a port number from 0 to 65535';
const PORT_OR_RANGE = `${PORT} or a range like "8000-8010"`;
const PROTOCOLS = ['tcp', 'udp', 'sctp'] as const;
const MODES = ['ingress', 'host'] as const;
const LONG_KEYS = ['target', 'published', 'host_ip', 'protocol', 'app_protocol', 'mode', 'name'];

interface PortRange {
  start: number;
  end: number;
}

/** One mapping per container port of a short-syntax entry, `[[IP:](PORT|RANGE):](PORT|RANGE)[/PROTOCOL]`. */
export function parsePortShort(spec: string | number): PortMapping[] {
  // A YAML number is a container port, published nowhere.
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < 0 || spec > 65535) {
      throw new SyntaxValueError(foundText(spec), PORT);
    }
    return [{ target: spec, published: null, hostIp: null, protocol: 'tcp', mode: 'ingress' }];
  }
  const { ip, host, container } = splitParts(spec);
  const slash = container.indexOf('/');
  const containerText = slash === -1 ? container : container.slice(0, slash);
  if (containerText === '') {
    throw new SyntaxValueError(spec, 'a container port, like "80" or "8080:80"');
  }
  const protocol = toProtocol(slash === -1 ? '' : container.slice(slash + 1));
  const hostIp = toHostIp(ip);
  const targets = parseRange(containerText);
  if (!targets) throw new SyntaxValueError(containerText, `a container port: ${PORT_OR_RANGE}`);
  const published = host === '' ? null : parseRange(host);
  if (host !== '' && !published) throw new SyntaxValueError(host, `a host port: ${PORT_OR_RANGE}`);
  const count = targets.end - targets.start + 1;
  // A host range longer or shorter than the container range is allowed only for a single
  // container port: the engine then picks one free host port in it.
  if (published && count > 1 && published.end - published.start !== count - 1) {
    throw new SyntaxValueError(spec, 'host and container port ranges of the same length');
  }
  const mappings: PortMapping[] = [];
  for (let i = 0; i < count; i++) {
    let publishedText: string | null = null;
    if (published) {
      publishedText = String(published.start + i);
      if (count === 1 && published.end !== published.start) publishedText += `-${published.end}`;
    }
    mappings.push({
      target: targets.start + i,
      published: publishedText,
      hostIp,
      protocol,
      mode: 'ingress',
    });
  }
  // compose-go sorts the expanded ports by their "port/protocol" text, so "98-101" comes out
  // as 100, 101, 98, 99.
  return mappings.sort((a, b) =>
    compareText(`${a.target}/${a.protocol}`, `${b.target}/${b.protocol}`),
  );
}

/** One long-syntax entry (`target`, `published`, `host_ip`, `protocol`, `mode`, ...) with Compose's defaults. */
export function normalizePortLong(obj: Record<string, unknown>): PortMapping {
  for (const key of Object.keys(obj)) {
    if (!LONG_KEYS.includes(key) && !key.startsWith('x-')) {
      throw new SyntaxValueError(key, `a port key: ${LONG_KEYS.join(', ')}`);
    }
  }
  const mapping: PortMapping = {
    target: toTarget(obj.target),
    published: toPublished(obj.published),
    hostIp: optionalString(obj.host_ip, 'host_ip') || null,
    protocol:
      obj.protocol === undefined ? 'tcp' : toProtocol(requireString(obj.protocol, 'protocol')),
    mode: obj.mode === undefined ? 'ingress' : toMode(obj.mode),
  };
  const name = optionalString(obj.name, 'name');
  if (name !== undefined) mapping.name = name;
  const appProtocol = optionalString(obj.app_protocol, 'app_protocol');
  if (appProtocol !== undefined) mapping.appProtocol = appProtocol;
  return mapping;
}

// The container port is last, the host port before it; anything before those two is the
// host IP, which is how an unbracketed IPv6 address ("::1:6000:6000") still works.
function splitParts(spec: string): { ip: string; host: string; container: string } {
  const parts = spec.split(':');
  const container = parts.pop() ?? '';
  const host = parts.pop() ?? '';
  return { ip: parts.join(':'), host, container };
}

function toHostIp(text: string): string | null {
  if (text === '') return null;
  let ip = text;
  if (ip.startsWith('[')) {
    if (!ip.endsWith(']')) throw new SyntaxValueError(text, 'an IPv6 address closed by "]"');
    ip = ip.slice(1, -1);
  }
  // Go's net.ParseIP knows no zone suffix ("%eth0"); Node's isIP does.
  if (isIP(ip) === 0 || ip.includes('%')) {
    throw new SyntaxValueError(text, 'a host IP address, like "127.0.0.1" or "[::1]"');
  }
  return ip;
}

function toProtocol(text: string): PortMapping['protocol'] {
  const protocol = text === '' ? 'tcp' : text.toLowerCase();
  const known = PROTOCOLS.find((candidate) => candidate === protocol);
  if (!known) throw new SyntaxValueError(text, 'a protocol: tcp, udp or sctp');
  return known;
}

function toMode(value: unknown): PortMapping['mode'] {
  const known = MODES.find((candidate) => candidate === value);
  if (!known) throw new SyntaxValueError(foundText(value), 'a port mode: ingress or host');
  return known;
}

// A number, or its text (interpolation yields text; Compose converts it).
function toTarget(value: unknown): number {
  if (value === undefined || value === null) {
    throw new SyntaxValueError(foundText(value), 'a target port');
  }
  const target =
    typeof value === 'number' ? value : typeof value === 'string' ? parsePort(value) : null;
  if (target === null || !Number.isInteger(target) || target < 0 || target > 65535) {
    throw new SyntaxValueError(foundText(value), `a target port: ${PORT}`);
  }
  return target;
}

// Kept as text, the way `docker compose config` prints it; a range stays a range.
function toPublished(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const text = typeof value === 'number' || typeof value === 'string' ? String(value) : null;
  if (text === null || !parseRange(text)) {
    throw new SyntaxValueError(foundText(value), `a published port: ${PORT_OR_RANGE}`);
  }
  return text;
}

function parseRange(text: string): PortRange | null {
  const dash = text.indexOf('-');
  const startText = dash === -1 ? text : text.slice(0, dash);
  const endText = dash === -1 ? text : text.slice(dash + 1);
  const start = parsePort(startText);
  const end = parsePort(endText);
  if (start === null || end === null || end < start) return null;
  return { start, end };
}

function parsePort(text: string): number | null {
  if (!/^\d+$/.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}

function requireString(value: unknown, key: string): string {
  if (typeof value !== 'string') {
    throw new SyntaxValueError(foundText(value), `a string for ${key}`);
  }
  return value;
}

function optionalString(value: unknown, key: string): string | undefined {
  return value === undefined || value === null ? undefined : requireString(value, key);
}

// Go's sort.Strings compares bytes; these keys are ASCII, where code units compare the same.
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
