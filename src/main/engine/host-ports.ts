import { createSocket } from 'node:dgram';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { createServer, isIP } from 'node:net';
import { endianness } from 'node:os';

/** A protocol the host can be probed for (the engine alone knows about sctp ports). */
export type ProbeProtocol = 'tcp' | 'udp';

/**
 * An IP address in one spelling, so equal addresses compare equal: IPv6 fully expanded in
 * lower case, an IPv4-mapped IPv6 address as its IPv4 address. Anything else is kept as is.
 */
export function canonicalIp(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const [head = '', tail] = ip.toLowerCase().split('::');
  const groupsOf = (text: string): string[] =>
    text === ''
      ? []
      : text.split(':').flatMap((part) => {
          if (!part.includes('.')) return [part];
          const [a = 0, b = 0, c = 0, d = 0] = part.split('.').map(Number);
          return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
        });
  const front = groupsOf(head);
  const back = tail === undefined ? [] : groupsOf(tail);
  const groups = [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
  const padded = groups.map((group) => group.padStart(4, '0'));
  if (padded.slice(0, 5).every((g) => g === '0000') && padded[5] === 'ffff') {
    const low = parseInt(`${padded[6]}${padded[7]}`, 16);
    return [low >>> 24, (low >>> 16) & 255, (low >>> 8) & 255, low & 255].join('.');
  }
  return padded.join(':');
}

const IPV4_ANY = '0.0.0.0';
const IPV6_ANY = canonicalIp('::');

/**
 * Whether two host IPs cannot both publish the same port: the same address, or either one
 * every address (null or "" as Compose and the engine write "not given", 0.0.0.0 or ::).
 */
export function hostIpsOverlap(a: string | null, b: string | null): boolean {
  const any = (ip: string | null): boolean => !ip || [IPV4_ANY, IPV6_ANY].includes(canonicalIp(ip));
  return any(a) || any(b) || canonicalIp(a ?? '') === canonicalIp(b ?? '');
}

/** A socket of a /proc/net/{tcp,tcp6,udp,udp6} table. */
export interface ProcSocket {
  ip: string;
  port: number;
  /** The kernel's TCP state number: 10 (0x0A) is LISTEN; unconnected UDP sockets show 7. */
  state: number;
  inode: number;
}

const TCP_LISTEN = 0x0a;

/**
 * The sockets of one /proc/net table. The kernel prints each 32-bit word of an address in
 * the machine's byte order, so 127.0.0.1 reads 0100007F on a little-endian machine.
 */
export function parseProcNetTable(
  text: string,
  littleEndian = endianness() === 'LE',
): ProcSocket[] {
  return text.split('\n').flatMap((line) => {
    const fields = line.trim().split(/\s+/);
    const [address, portHex] = (fields[1] ?? '').split(':');
    const inode = Number(fields[9]);
    if (!address || !portHex || !/^[0-9A-Fa-f]+$/.test(address) || !Number.isInteger(inode)) {
      return [];
    }
    const ip = decodeProcAddress(address, littleEndian);
    if (ip === null) return [];
    return [{ ip, port: parseInt(portHex, 16), state: parseInt(fields[3] ?? '', 16), inode }];
  });
}

function decodeProcAddress(hex: string, littleEndian: boolean): string | null {
  if (hex.length !== 8 && hex.length !== 32) return null;
  const bytes = (hex.match(/.{8}/g) ?? []).flatMap((word) => {
    const wordBytes = (word.match(/../g) ?? []).map((pair) => parseInt(pair, 16));
    return littleEndian ? wordBytes.reverse() : wordBytes;
  });
  if (bytes.length === 4) return bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2)
    groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return canonicalIp(groups.join(':'));
}

/**
 * Whether something on this machine holds ip:port: listening (tcp) or binding (udp) on it
 * fails with EADDRINUSE. Any other failure (a privileged port, an address this machine does
 * not have) says nothing about a holder, so it counts as free.
 */
export function isHostPortInUse(
  ip: string | null,
  port: number,
  protocol: ProbeProtocol,
): Promise<boolean> {
  const host = ip || '0.0.0.0';
  return new Promise((resolve) => {
    const settle = (error: NodeJS.ErrnoException): void => resolve(error.code === 'EADDRINUSE');
    if (protocol === 'tcp') {
      const server = createServer();
      server.once('error', settle);
      server.listen({ host, port }, () => server.close(() => resolve(false)));
    } else {
      const socket = createSocket(isIP(host) === 6 ? 'udp6' : 'udp4');
      socket.once('error', (error) => {
        socket.close();
        settle(error);
      });
      socket.bind(port, host, () => socket.close(() => resolve(false)));
    }
  });
}

/**
 * Names the process holding ip:port as "process node (pid 1234)", from the socket's inode in
 * /proc/net and the /proc/<pid>/fd link that points at it. Linux only and best effort: null
 * when it cannot tell (another OS, another user's process, a socket in another namespace).
 */
export async function describeHolderProcess(
  ip: string | null,
  port: number,
  protocol: ProbeProtocol,
): Promise<string | null> {
  if (process.platform !== 'linux') return null;
  try {
    const tables = await Promise.all(
      [protocol, `${protocol}6`].map((name) =>
        readFile(`/proc/net/${name}`, 'utf8').catch(() => ''),
      ),
    );
    const inodes = new Set(
      tables
        .flatMap((table) => parseProcNetTable(table))
        .filter(
          (socket) =>
            socket.port === port &&
            socket.inode !== 0 &&
            (protocol === 'udp' || socket.state === TCP_LISTEN) &&
            hostIpsOverlap(socket.ip, ip),
        )
        .map((socket) => `socket:[${socket.inode}]`),
    );
    if (inodes.size === 0) return null;
    const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
    for (const pid of pids) {
      const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
      for (const fd of fds) {
        const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
        if (!inodes.has(link)) continue;
        const name = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
        return name ? `process ${name} (pid ${pid})` : `process ${pid}`;
      }
    }
  } catch {
    // /proc is a courtesy: without it the holder is still reported, just unnamed.
  }
  return null;
}
