import type { ContainerInfo, Port } from 'dockerode';
import {
  ContainerStateSchema,
  type ContainerState,
  type Health,
  type PublishedPort,
  type Stack,
  type StackContainer,
} from '../../shared/stacks';
import { COMPOSE_LABEL } from './compose-labels';

/** Groups Compose-labelled containers into stacks, sorted by project, service and number. */
export function groupStacks(containers: readonly ContainerInfo[]): Stack[] {
  const byProject = new Map<string, Stack>();
  for (const info of containers) {
    const labels = info.Labels ?? {};
    const project = labels[COMPOSE_LABEL.project];
    if (!project) continue;
    let stack = byProject.get(project);
    if (!stack) {
      stack = {
        project,
        workingDir: labels[COMPOSE_LABEL.workingDir] ?? null,
        configFiles: splitConfigFiles(labels[COMPOSE_LABEL.configFiles]),
        containers: [],
      };
      byProject.set(project, stack);
    }
    stack.containers.push(toStackContainer(info, labels));
  }
  const stacks = [...byProject.values()].sort((a, b) => a.project.localeCompare(b.project));
  for (const stack of stacks) stack.containers.sort(compareContainers);
  return stacks;
}

function toStackContainer(info: ContainerInfo, labels: Record<string, string>): StackContainer {
  const number = Number.parseInt(labels[COMPOSE_LABEL.containerNumber] ?? '', 10);
  return {
    id: info.Id,
    name: (info.Names[0] ?? info.Id.slice(0, 12)).replace(/^\//, ''),
    service: labels[COMPOSE_LABEL.service] ?? '',
    number: Number.isFinite(number) ? number : null,
    oneoff: labels[COMPOSE_LABEL.oneoff] === 'True',
    image: info.Image,
    state: parseState(info.State),
    status: info.Status,
    health: parseHealth(info.Status),
    ports: publishedPorts(info.Ports),
  };
}

// Compose writes the files as one comma-separated label.
function splitConfigFiles(label: string | undefined): string[] {
  return label ? label.split(',').filter((file) => file.length > 0) : [];
}

function parseState(state: string): ContainerState {
  const parsed = ContainerStateSchema.safeParse(state);
  return parsed.success ? parsed.data : 'dead';
}

// The list endpoint of the API versions Parity supports reports health only inside the
// human status text: "Up 3 minutes (healthy)", "Up 2 seconds (health: starting)".
function parseHealth(status: string): Health {
  if (status.includes('(healthy)')) return 'healthy';
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('(health: starting)')) return 'starting';
  return 'none';
}

// The engine lists a port once per address family (0.0.0.0 and ::); show it once.
function publishedPorts(ports: readonly Port[]): PublishedPort[] {
  const seen = new Map<string, PublishedPort>();
  for (const port of ports) {
    if (!port.PublicPort) continue;
    const protocol = port.Type === 'udp' || port.Type === 'sctp' ? port.Type : 'tcp';
    const key = `${port.PublicPort}/${port.PrivatePort}/${protocol}`;
    if (seen.has(key) && port.IP.includes(':')) continue;
    seen.set(key, {
      hostIp: port.IP,
      hostPort: port.PublicPort,
      containerPort: port.PrivatePort,
      protocol,
    });
  }
  return [...seen.values()].sort((a, b) => a.hostPort - b.hostPort);
}

function compareContainers(a: StackContainer, b: StackContainer): number {
  return a.service.localeCompare(b.service) || (a.number ?? 0) - (b.number ?? 0);
}
