import { randomBytes } from 'node:crypto';
import Docker from 'dockerode';
import { COMPOSE_LABEL } from '../../src/main/engine/compose-labels';

/** The image every engine test runs; scripts/build-test-images.sh builds it offline. */
export const TEST_IMAGE = 'busybox:1.37';

/** A client for the real engine, or a clear failure saying how to get one. */
export async function connectTestEngine(): Promise<Docker> {
  const docker = new Docker();
  try {
    await docker.ping();
  } catch (error) {
    throw new Error(
      `These tests need a running Docker engine (${String(error)}): run bash scripts/setup.sh`,
      { cause: error },
    );
  }
  try {
    await docker.getImage(TEST_IMAGE).inspect();
  } catch {
    throw new Error(`Image ${TEST_IMAGE} is missing: run bash scripts/build-test-images.sh`);
  }
  return docker;
}

/** A project name no one else uses, so parallel test files never see each other's stacks. */
export function uniqueProjectName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/**
 * Starts a container labelled as Compose labels a service container, publishing port 8080 on
 * a free loopback port.
 */
export async function startLabelledContainer(
  docker: Docker,
  project: string,
  service: string,
): Promise<Docker.Container> {
  const container = await docker.createContainer({
    name: `${project}-${service}-1`,
    Image: TEST_IMAGE,
    Cmd: ['sleep', '600'],
    Labels: {
      [COMPOSE_LABEL.project]: project,
      [COMPOSE_LABEL.service]: service,
      [COMPOSE_LABEL.containerNumber]: '1',
      [COMPOSE_LABEL.oneoff]: 'False',
      [COMPOSE_LABEL.workingDir]: `/tmp/${project}`,
      [COMPOSE_LABEL.configFiles]: `/tmp/${project}/compose.yaml`,
    },
    ExposedPorts: { '8080/tcp': {} },
    HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
    StopTimeout: 1,
  });
  await container.start();
  return container;
}

/**
 * Removes every container of a test project, running or not, then its networks and volumes: a
 * network left behind holds one of the engine's address pools, and enough of them make a later
 * test's fixed subnet overlap.
 */
export async function removeProject(docker: Docker, project: string): Promise<void> {
  const filters = { label: [`${COMPOSE_LABEL.project}=${project}`] };
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(
    containers.map((info) => docker.getContainer(info.Id).remove({ force: true, v: true })),
  );
  const networks = await docker.listNetworks({ filters });
  await Promise.all(networks.map((info) => docker.getNetwork(info.Id).remove()));
  const { Volumes: volumes } = await docker.listVolumes({ filters });
  await Promise.all((volumes ?? []).map((info) => docker.getVolume(info.Name).remove()));
}
