import { networkInterfaces } from 'node:os';

// The host's interfaces that face local containers: Docker's default bridge and its
// user-defined networks (br-<id>), and Podman's.
const BRIDGE = /^(docker0|br-[0-9a-f]{12}|podman\d*|cni-podman\d*)$/;

/**
 * The address `host-gateway` resolves to for containers on this machine: Docker's default
 * bridge's IPv4 address (docker0, 172.17.0.1 unless the daemon's bip says otherwise). Null
 * where there is none here (Docker Desktop's VM, a remote engine): there the receiver stays on
 * loopback only, which Docker Desktop forwards host.docker.internal to.
 */
export function hostGatewayAddress(): string | null {
  const docker0 = networkInterfaces().docker0 ?? [];
  return docker0.find((a) => a.family === 'IPv4')?.address ?? null;
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
  for (const [name, addresses] of Object.entries(networkInterfaces())) {
    if (!BRIDGE.test(name)) continue;
    for (const a of addresses ?? []) {
      const base = a.family === 'IPv4' ? ipv4Number(a.address) : null;
      const mask = a.family === 'IPv4' ? ipv4Number(a.netmask) : null;
      if (base !== null && mask !== null && ((peer ^ base) & mask) >>> 0 === 0) return true;
    }
  }
  return false;
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
