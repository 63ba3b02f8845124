import type { ContainerInfo } from 'dockerode';
import { formatDiagnostic, type SourcePosition } from '../../shared/diagnostics';
import type { PortMapping } from '../../shared/model';
import type { LoadedProject } from '../config/load-project';
import { COMPOSE_LABEL } from './compose-labels';
import type { DockerEngine } from './docker-engine';
import { isUnchanged } from './unchanged';
import { describeHolderProcess, hostIpsOverlap, isHostPortInUse } from './host-ports';

/** A host port a service would publish that someone already holds. */
export interface PortConflict {
  service: string;
  /** As messages show it: "127.0.0.1:18080/tcp", "[::1]:53/udp", "8080/tcp" (every address). */
  port: string;
  /** Where the port is written. */
  source: SourcePosition;
  /** "container shop-web-1 of project shop", "process node (pid 1234)", "service web of this project (compose.yaml:9:9)"... */
  holder: string;
}

/** `up` found host ports already held; nothing was created or changed. */
export class PortConflictError extends Error {
  override readonly name = 'PortConflictError';
  constructor(readonly conflicts: readonly PortConflict[]) {
    super(formatPortConflicts(conflicts));
  }
}

/** One line per conflict: `compose.yaml:14:9: port 127.0.0.1:18080/tcp of service web is held by ...`. */
export function formatPortConflicts(conflicts: readonly PortConflict[]): string {
  return conflicts
    .map((c) =>
      formatDiagnostic({
        severity: 'error',
        message: `port ${c.port} of service ${c.service} is held by ${c.holder}`,
        position: c.source,
      }),
    )
    .join('\n');
}

/** The fixed host ports of a published port: "8080" is [8080], "8000-8002" [8000, 8001, 8002], none or "0" []. */
export function expandPublished(published: string | null): number[] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(published ?? '');
  if (!match) return [];
  const start = Number(match[1]);
  const end = Number(match[2] ?? match[1]);
  // Port 0 asks the engine for any free port: nothing fixed to collide with.
  if (start === 0 || end < start) return [];
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

/** How a host port reads in messages: "127.0.0.1:8080/tcp", "[::1]:8080/tcp", "8080/tcp" when on every address. */
export function formatHostPort(hostIp: string | null, published: string, protocol: string): string {
  const ip = !hostIp ? '' : hostIp.includes(':') ? `[${hostIp}]:` : `${hostIp}:`;
  return `${ip}${published}/${protocol}`;
}

/**
 * The selected services `up` will create or recreate: all but those whose containers are all
 * running with the current config hash (isUnchanged, the rule up itself uses); such a
 * service's own ports never conflict under: its container already holds them.
 */
export function servicesToChange(
  project: LoadedProject,
  selected: readonly string[],
  existing: readonly ContainerInfo[],
): string[] {
  return selected.filter((name) => {
    const service = project.model.services[name];
    if (!service) return false;
    return !isUnchanged(
      project,
      service,
      existing.filter((c) => c.Labels[COMPOSE_LABEL.service] === name),
    );
  });
}

/** Throws a PortConflictError when a service `up` would create or recreate publishes a held host port. */
export async function assertNoPortConflicts(
  engine: DockerEngine,
  project: LoadedProject,
  selected: readonly string[],
  existing: readonly ContainerInfo[],
): Promise<void> {
  const conflicts = await findPortConflicts(
    engine,
    project,
    servicesToChange(project, selected, existing),
  );
  if (conflicts.length > 0) throw new PortConflictError(conflicts);
}

interface Binding {
  service: string;
  mapping: PortMapping;
  ports: number[];
  source: SourcePosition;
}

/**
 * Every fixed host port the given services (those about to be created or recreated) publish
 * that is already held, with its holder: an earlier port of these services, a running
 * container other than the service's own, else a process outside Docker.
 */
export async function findPortConflicts(
  engine: DockerEngine,
  project: LoadedProject,
  serviceNames: readonly string[],
): Promise<PortConflict[]> {
  const bindings = bindingsOf(project, serviceNames);
  if (bindings.length === 0) return [];
  const containers = await engine.listRunningContainers();
  const probeHost = isLocalEndpoint(engine.endpoint);
  const conflicts: PortConflict[] = [];
  for (const [index, binding] of bindings.entries()) {
    const holderOf = async (port: number): Promise<string | typeof OWN | null> =>
      heldInProject(binding, port, bindings.slice(0, index)) ??
      heldByContainer(binding, port, containers, project, serviceNames) ??
      (probeHost ? await heldByProcess(binding, port) : null);
    const conflict = (holder: string): PortConflict => ({
      service: binding.service,
      port: formatHostPort(
        binding.mapping.hostIp,
        binding.mapping.published ?? '',
        binding.mapping.protocol,
      ),
      source: binding.source,
      holder,
    });
    const replicas = project.model.services[binding.service]?.replicas?.value ?? 1;
    if (binding.ports.length === 1 && replicas > 1) {
      conflicts.push(
        conflict(`another replica of service ${binding.service} (replicas: ${replicas})`),
      );
      continue;
    }
    // A range gives the engine a choice of one free port in it: held only when all of it is.
    const holders: string[] = [];
    let held = true;
    for (const port of binding.ports) {
      const holder = await holderOf(port);
      if (holder === null || holder === OWN) {
        held = false;
        break;
      }
      if (!holders.includes(holder)) holders.push(holder);
    }
    if (held) conflicts.push(conflict(holders.join('; ')));
  }
  return conflicts;
}

// A port the service's own container (or that of another service being recreated) holds
// now: that container goes before the new one is created, so it is no conflict, yet the
// host is not probed either (the container's docker-proxy would answer).
const OWN = Symbol('own');

function bindingsOf(project: LoadedProject, serviceNames: readonly string[]): Binding[] {
  return Object.values(project.model.services)
    .filter((service) => serviceNames.includes(service.name))
    .flatMap((service) =>
      // The engine discards published ports under network_mode: host.
      service.networkMode?.value === 'host'
        ? []
        : service.ports.flatMap(({ value, source }) => {
            const ports = expandPublished(value.published);
            return ports.length > 0
              ? [{ service: service.name, mapping: value, ports, source }]
              : [];
          }),
    );
}

function sameAddress(binding: Binding, ip: string | null, protocol: string): boolean {
  return binding.mapping.protocol === protocol && hostIpsOverlap(binding.mapping.hostIp, ip);
}

function heldInProject(binding: Binding, port: number, earlier: readonly Binding[]): string | null {
  // Only a single port holds: a range lets the engine step around what is taken.
  const other = earlier.find(
    (b) =>
      b.ports.length === 1 &&
      b.ports[0] === port &&
      sameAddress(binding, b.mapping.hostIp, b.mapping.protocol),
  );
  if (!other) return null;
  return other.service === binding.service
    ? `another port of service ${other.service} (${where(other.source)})`
    : `service ${other.service} of this project (${where(other.source)})`;
}

function heldByContainer(
  binding: Binding,
  port: number,
  containers: readonly ContainerInfo[],
  project: LoadedProject,
  serviceNames: readonly string[],
): string | typeof OWN | null {
  const holders = containers
    .filter((c) =>
      c.Ports.some((p) => p.PublicPort === port && sameAddress(binding, p.IP || null, p.Type)),
    )
    .map((c) => describeContainer(c, binding.service, project, serviceNames));
  // Another address may overlap too (127.0.0.1 and 127.0.0.2 both meet 0.0.0.0).
  return holders.find((holder) => holder !== OWN) ?? holders[0] ?? null;
}

function describeContainer(
  container: ContainerInfo,
  service: string,
  project: LoadedProject,
  serviceNames: readonly string[],
): string | typeof OWN {
  const name = (container.Names[0] ?? container.Id.slice(0, 12)).replace(/^\//, '');
  const labels = container.Labels;
  const ofProject = labels[COMPOSE_LABEL.project];
  const ofService = labels[COMPOSE_LABEL.service] ?? '';
  if (ofProject === undefined) return `container ${name}`;
  if (ofProject !== project.name) return `container ${name} of project ${ofProject}`;
  // A one-off (`run`) container stays whatever up does, whichever service it runs.
  if (labels[COMPOSE_LABEL.oneoff] === 'True') {
    return `container ${name} of this project (a one-off run)`;
  }
  if (ofService === service || serviceNames.includes(ofService)) return OWN;
  return project.model.services[ofService]
    ? `container ${name} of service ${ofService} of this project`
    : `container ${name} of this project, not in its files (--remove-orphans removes it)`;
}

async function heldByProcess(binding: Binding, port: number): Promise<string | null> {
  const { hostIp, protocol } = binding.mapping;
  if (protocol === 'sctp' || !(await isHostPortInUse(hostIp, port, protocol))) return null;
  return (await describeHolderProcess(hostIp, port, protocol)) ?? 'a process outside Docker';
}

// Probing this machine only tells about the engine's host when the engine runs here.
function isLocalEndpoint(endpoint: string): boolean {
  return /^(unix|npipe):\/\/|^tcp:\/\/(localhost|127\.[\d.]+|\[::1\])(:\d+)?\/?$/.test(endpoint);
}

function where(source: SourcePosition): string {
  return `${source.file}:${source.line}:${source.column}`;
}
