import type Docker from 'dockerode';
import type { NamedResource } from '../../shared/model';
import { COMPOSE_LABEL } from './compose-labels';

/**
 * The engine's create request for a project network: the driver, options and address pools
 * the files write (only what they write), and Compose's labels.
 */
export function networkCreateOptions(
  network: NamedResource,
  project: string,
  key: string,
): Docker.NetworkCreateOptions {
  const { name, create } = network;
  return {
    Name: name,
    CheckDuplicate: true,
    ...(create?.driver ? { Driver: create.driver } : {}),
    ...(create?.driverOpts ? { Options: create.driverOpts } : {}),
    ...(create?.internal ? { Internal: true } : {}),
    ...(create?.attachable ? { Attachable: true } : {}),
    ...(create?.enableIpv6 ? { EnableIPv6: true } : {}),
    ...(create?.ipam
      ? {
          IPAM: {
            Driver: create.ipam.driver ?? 'default',
            Config: create.ipam.config.map((pool) => ({
              ...(pool.subnet ? { Subnet: pool.subnet } : {}),
              ...(pool.ipRange ? { IPRange: pool.ipRange } : {}),
              ...(pool.gateway ? { Gateway: pool.gateway } : {}),
              ...(pool.auxAddresses ? { AuxiliaryAddresses: pool.auxAddresses } : {}),
            })),
          },
        }
      : {}),
    Labels: {
      ...create?.labels,
      [COMPOSE_LABEL.project]: project,
      'com.docker.compose.network': key,
    },
  };
}

/** The engine's create request for a project volume: its driver and options, and labels. */
export function volumeCreateOptions(
  volume: NamedResource,
  project: string,
  key: string,
): Docker.VolumeCreateOptions {
  const { name, create } = volume;
  return {
    Name: name,
    ...(create?.driver ? { Driver: create.driver } : {}),
    ...(create?.driverOpts ? { DriverOpts: create.driverOpts } : {}),
    Labels: {
      ...create?.labels,
      [COMPOSE_LABEL.project]: project,
      'com.docker.compose.volume': key,
    },
  };
}

/**
 * A container's create request with only its primary network's endpoint (its NetworkMode),
 * and the other endpoints, which are connected after create: engines before API 1.44 refuse a
 * create naming more than one network.
 */
export function splitEndpoints(spec: Docker.ContainerCreateOptions): {
  primary: Docker.ContainerCreateOptions;
  others: [string, Docker.EndpointSettings][];
} {
  const endpoints = Object.entries(spec.NetworkingConfig?.EndpointsConfig ?? {});
  const primaryName = spec.HostConfig?.NetworkMode;
  if (endpoints.length <= 1 || !primaryName) return { primary: spec, others: [] };
  return {
    primary: {
      ...spec,
      NetworkingConfig: {
        EndpointsConfig: Object.fromEntries(endpoints.filter(([name]) => name === primaryName)),
      },
    },
    others: endpoints.filter(([name]) => name !== primaryName),
  };
}
