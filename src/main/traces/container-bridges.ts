import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

// The host's interfaces that face local containers: Docker's default bridge and its
// user-defined networks (br-<id>), and Podman's.
const BRIDGE = /^(docker0|br-[0-9a-f]{12}|podman\d*|cni-podman\d*)$/;

/** A container bridge of this machine: its interface and IPv4 subnet (as numbers). */
export interface Bridge {
  name: string;
  network: number;
  mask: number;
}

/**
 * The address `host-gateway` resolves to for containers on this machine: Docker's default
 * bridge's IPv4 address (docker0, 172.17.0.1 unless the daemon's bip says otherwise). Null
 * where there is none here (Docker Desktop's VM, a remote engine): there the receiver stays on
 * loopback only, which Docker Desktop forwards host.docker.internal to. Read from the kernel's
 * tables, because Node lists no address of a bridge that is down (docker0 with no container
 * on it), and the address is needed before the first container starts.
 */
export function hostGatewayAddress(): string | null {
  const up = networkInterfaces().docker0?.find((a) => a.family === 'IPv4')?.address;
  if (up) return up;
  const docker0 = containerBridges().find((b) => b.name === 'docker0');
  if (!docker0) return null;
  const local = localAddresses().find((ip) => ((ip ^ docker0.network) & docker0.mask) >>> 0 === 0);
  return local === undefined ? null : ipv4Text(local);
}

/**
 * Whether a peer may post spans: loopback, or an address inside one of this machine's container
 * bridges. A listener on the bridge's address is reachable from outside too (Linux answers for
 * any of its addresses on any interface), so everything else is refused.
 */
export function isLocalContainerPeer(address: string | undefined): boolean {
  if (!address) return false;
  const ip = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (ip === '::1' || ip.startsWith('127.')) return true;
  const peer = ipv4Number(ip);
  if (peer === null) return false;
  return containerBridges().some((b) => ((peer ^ b.network) & b.mask) >>> 0 === 0);
}

/** The container bridges in the kernel's routing table (/proc/net/route); none off Linux. */
export function containerBridges(): Bridge[] {
  const bridges: Bridge[] = [];
  for (const line of readProc('/proc/net/route').split('\n').slice(1)) {
    const [name, destination, , , , , , mask] = line.trim().split(/\s+/);
    if (!name || !BRIDGE.test(name) || !destination || !mask) continue;
    // The table writes addresses as little-endian hex.
    bridges.push({ name, network: hexAddress(destination), mask: hexAddress(mask) });
  }
  return bridges;
}

// The host's own IPv4 addresses (/32 host LOCAL entries of /proc/net/fib_trie).
function localAddresses(): number[] {
  const lines = readProc('/proc/net/fib_trie').split('\n');
  const out: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]?.includes('/32 host LOCAL')) continue;
    const ip = ipv4Number(lines[i - 1]?.replace(/^[\s|+-]*/, '').trim() ?? '');
    if (ip !== null) out.push(ip);
  }
  return out;
}

function readProc(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function hexAddress(hex: string): number {
  const n = Number.parseInt(hex, 16);
  return (
    (((n & 0xff) << 24) | (((n >>> 8) & 0xff) << 16) | (((n >>> 16) & 0xff) << 8) | (n >>> 24)) >>>
    0
  );
}

function ipv4Number(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    n = n * 256 + Number(part);
  }
  return n >>> 0;
}

function ipv4Text(n: number): string {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}

/** A running container's Compose project and its addresses on its networks. */
export interface ContainerAddresses {
  project: string;
  addresses: string[];
}

/**
 * The Compose project of a container posting spans, by its address on its network (a
 * container's packets to the bridge's address keep their source address: no NAT on the way to
 * the host). An address not known is looked up in a listing made after the spans arrived (one
 * listing serves every sender waiting for it), so a container started a moment ago is found;
 * one that is still unknown (no Compose container) is not looked up again for a while. An engine
 * that does not answer leaves the sender unknown: its spans are matched by service name.
 */
export class SenderProjects {
  private known = new Map<string, string>();
  private readAt = Number.NEGATIVE_INFINITY;
  private latest: { start: number; done: Promise<boolean> } | null = null;
  private readonly unknown = new Map<string, number>();

  constructor(
    private readonly list: () => Promise<ContainerAddresses[]>,
    private readonly now: () => number = Date.now,
    /** How long a listing is trusted for an address it knows (addresses are reused). */
    private readonly ttlMs = 10_000,
    /** How long to wait before listing again for an address the first listing lacked. */
    private readonly settleMs = 300,
  ) {}

  /** The project of the container at `address`, or null when it is none Parity can see. */
  async projectOf(address: string): Promise<string | null> {
    const ip = address.startsWith('::ffff:') ? address.slice(7) : address;
    const arrived = this.now();
    if (arrived - this.readAt <= this.ttlMs && this.known.has(ip)) return this.known.get(ip)!;
    if ((this.unknown.get(ip) ?? 0) > arrived) return null;
    let answered = await this.readSince(arrived);
    if (answered && !this.known.has(ip)) {
      // A container's process runs a moment before the engine lists it as running: a sender
      // that posts at once is found by the next listing.
      await new Promise((resolve) => setTimeout(resolve, this.settleMs));
      answered = await this.readSince(this.now());
    }
    // A listing older than the trusted time is no answer.
    if (!answered) return null;
    const project = this.known.get(ip) ?? null;
    if (project === null) {
      // Bounded: a sender cycling through addresses cannot grow it without end.
      if (this.unknown.size >= 1000) this.unknown.clear();
      this.unknown.set(ip, this.now() + this.ttlMs);
    }
    return project;
  }

  // A listing begun at or after `since`: the one under way when it qualifies, else a new one
  // after it (listings are applied in order, never an older over a newer). True when it answered.
  private readSince(since: number): Promise<boolean> {
    if (this.latest && this.latest.start >= since) return this.latest.done;
    const start = this.now();
    const previous = this.latest?.done ?? Promise.resolve(true);
    const done = previous.then(() =>
      this.list().then(
        (containers) => {
          const known = new Map<string, string>();
          for (const { project, addresses } of containers) {
            for (const ip of addresses) known.set(ip, project);
          }
          this.known = known;
          this.readAt = start;
          return true;
        },
        () => false,
      ),
    );
    this.latest = { start, done };
    return done;
  }
}
