import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { COMPOSE_LABEL } from '../../../src/main/engine/compose-labels';
import { uniqueProjectName } from '../../support/engine';
import { compareContainers, type Containers, type Difference } from './compare';
import { normaliseContainer, withPlaceholders, type RunNames } from './inspect-normalise';
import type { ConformanceProject } from './projects';
import { copyRewritten } from './rewrite';
import { downSide, upSide, type Side, type Tool } from './run-tools';

/** How one project went: compared, or skipped with the reason docker-compose gave. */
export interface ProjectOutcome {
  project: string;
  skipped: string | null;
  differences: Difference[];
  /** Containers per tool, for the report. */
  containers: Record<Tool, string[]>;
  seconds: number;
}

/**
 * Brings the project up with each tool in turn from identical rewritten copies (in turn, since
 * a `container_name` would clash), inspects every container, takes the stack down again
 * whatever happened, and compares.
 */
export async function runProject(
  docker: Docker,
  project: ConformanceProject,
): Promise<ProjectOutcome> {
  const began = Date.now();
  const root = mkdtempSync(join(tmpdir(), 'parity-conformance-'));
  const tag = uniqueProjectName('x').slice(2);
  try {
    const parity = await runSide(docker, makeSide('parity', `conf-p-${tag}`, root, project));
    const compose = await runSide(docker, makeSide('compose', `conf-c-${tag}`, root, project));
    const outcome = { project: project.name, seconds: 0 };
    const containers = {
      parity: Object.keys(parity.containers),
      compose: Object.keys(compose.containers),
    };
    if (!compose.up.ok) {
      const reason = `docker-compose cannot bring it up here: ${lastLines(compose.up.output)}`;
      return {
        ...outcome,
        skipped: reason,
        differences: [],
        containers,
        seconds: secondsSince(began),
      };
    }
    const differences = compareContainers(project.name, parity.containers, compose.containers);
    if (!parity.up.ok) {
      differences.unshift({
        project: project.name,
        container: '(up)',
        field: 'exit',
        parity: `failed: ${withPlaceholders(lastLines(parity.up.output), parity.names)}`,
        compose: 'ok',
      });
    }
    return { ...outcome, skipped: null, differences, containers, seconds: secondsSince(began) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function makeSide(tool: Tool, name: string, root: string, project: ConformanceProject): Side {
  const dir = join(root, tool, 'project');
  const home = join(root, tool, 'home');
  mkdirSync(home, { recursive: true });
  copyRewritten(project.dir, project.file, dir);
  return { tool, project: name, dir, file: join(dir, project.file), home };
}

async function runSide(docker: Docker, side: Side) {
  try {
    const up = await upSide(side);
    const containers = await inspectProject(docker, side);
    return { up, containers, names: runNames(side) };
  } finally {
    await downSide(side);
    await sweep(docker, side.project);
  }
}

/** Every container of the side's project, normalised, by `service#number`. */
async function inspectProject(docker: Docker, side: Side): Promise<Containers> {
  const list = await docker.listContainers({
    all: true,
    filters: { label: [`${COMPOSE_LABEL.project}=${side.project}`] },
  });
  const containers: Containers = {};
  for (const item of list) {
    const info = await docker.getContainer(item.Id).inspect();
    const label = (name: string): string => info.Config.Labels?.[name] ?? '?';
    const key = `${label(COMPOSE_LABEL.service)}#${label(COMPOSE_LABEL.containerNumber)}`;
    containers[key] = normaliseContainer(info, runNames(side));
  }
  return containers;
}

function runNames(side: Side): RunNames {
  return { project: side.project, dir: side.dir, home: side.home };
}

/** Removes whatever `down` left of a project (a tool that failed half-way), by its labels. */
async function sweep(docker: Docker, project: string): Promise<void> {
  const filters = { label: [`${COMPOSE_LABEL.project}=${project}`] };
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(
    containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })),
  );
  const networks = await docker.listNetworks({ filters });
  await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove()));
  const { Volumes: volumes } = await docker.listVolumes({ filters });
  await Promise.all((volumes ?? []).map((v) => docker.getVolume(v.Name).remove()));
}

/** The lines of a tool's output that say why it failed: no warnings, no progress, no timings. */
function lastLines(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/: warning: |^[•✔]/.test(line))
    .map((line) => line.replace(/\s+\d+(\.\d+)?s\s+/g, ' '));
  return lines.slice(-2).join(' / ').slice(0, 300);
}

function secondsSince(began: number): number {
  return Math.round((Date.now() - began) / 100) / 10;
}
