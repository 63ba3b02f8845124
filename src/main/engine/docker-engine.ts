import { readdir } from 'node:fs/promises';
import { Writable, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { NamedResource } from '../../shared/model';
import { networkCreateOptions, splitEndpoints, volumeCreateOptions } from './create-options';
import { createDockerClient, dockerodeOptions } from './endpoint/docker-client';
import type { EngineTarget } from './endpoint/engine-target';
import { resolveEngineTarget, type EndpointInputs } from './endpoint/resolve-endpoint';
import { systemSearch } from './endpoint/system-inputs';
import type { Stack } from '../../shared/stacks';
import { COMPOSE_LABEL } from './compose-labels';
import { groupStacks } from './stacks';
import { buildTracker, followProgress, pullTracker, type StreamProgress } from './stream-progress';
import { composeEventsQuery } from './event-stream';
import type { ImageIdentity } from './image-identity';

export type { ImageIdentity };

/** How the engine is chosen besides the environment: command-line flags, Parity's Settings. */
export type EngineSelection = Pick<EndpointInputs, 'flags' | 'settings'>;

/**
 * The one adapter over dockerode: everything else in Parity talks to the engine through it.
 * The client is passed in so tests and settings can point it anywhere.
 */
export class DockerEngine {
  constructor(
    private readonly docker: Docker,
    /** The endpoint as the user would write it, for messages. */
    readonly endpoint: string,
    /** Where it came from (a context, DOCKER_HOST, …) and its TLS files, for messages. */
    readonly target: EngineTarget | null = null,
  ) {}

  /**
   * The engine the docker CLI would use here (flags, DOCKER_HOST, DOCKER_CONTEXT, Settings,
   * the current context, else the first well-known socket found).
   */
  static fromEnvironment(
    env: NodeJS.ProcessEnv = process.env,
    choice: EngineSelection = {},
  ): DockerEngine {
    return DockerEngine.at(resolveEngineTarget({ ...systemSearch(env), ...choice }), env);
  }

  /** An engine at a resolved target, dialled exactly there. */
  static at(target: EngineTarget, env: NodeJS.ProcessEnv = process.env): DockerEngine {
    return new DockerEngine(
      createDockerClient(dockerodeOptions(target, env)),
      target.endpoint,
      target,
    );
  }

  /** The engine's version, e.g. "20.10.24"; throws when it cannot be reached. */
  async version(): Promise<string> {
    return (await this.docker.version()).Version;
  }

  /** Every Compose-labelled container (running or not), grouped by project. */
  async listStacks(): Promise<Stack[]> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [COMPOSE_LABEL.project] },
    });
    return groupStacks(containers);
  }

  /** The service containers of one project, running or not (one-off containers excluded). */
  listProjectContainers(project: string): Promise<Docker.ContainerInfo[]> {
    return this.docker.listContainers({
      all: true,
      filters: { label: [`${COMPOSE_LABEL.project}=${project}`, `${COMPOSE_LABEL.oneoff}=False`] },
    });
  }

  /**
   * Every container labelled as the project's, one-off and hand-made ones included, as the
   * engine inspects them (runtime drift reads state, restart count, config and image id). A
   * container removed between the listing and its inspection is left out.
   */
  async inspectProjectContainers(project: string): Promise<Docker.ContainerInspectInfo[]> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [`${COMPOSE_LABEL.project}=${project}`] },
    });
    const inspected = await Promise.all(
      containers.map((c) =>
        this.docker
          .getContainer(c.Id)
          .inspect()
          .catch((error: unknown) => {
            if (isNotFound(error)) return null;
            throw error;
          }),
      ),
    );
    return inspected.filter((info) => info !== null);
  }

  /**
   * Creates a project network unless it exists, with the driver, options and address pools
   * the files write; true when created. An existing network is left as it is.
   */
  async ensureNetwork(network: NamedResource, project: string, key: string): Promise<boolean> {
    const { name } = network;
    const existing = await this.docker.listNetworks({ filters: { name: [name] } });
    if (existing.some((found) => found.Name === name)) return false;
    await this.docker.createNetwork(networkCreateOptions(network, project, key));
    return true;
  }

  /**
   * Creates a project volume unless it exists, with the driver and options the files write;
   * true when created. An existing volume, and what it holds, is left as it is.
   */
  async ensureVolume(volume: NamedResource, project: string, key: string): Promise<boolean> {
    const { name } = volume;
    try {
      await this.docker.getVolume(name).inspect();
      return false;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    await this.docker.createVolume(volumeCreateOptions(volume, project, key));
    return true;
  }

  /** Whether an image is present locally. */
  async hasImage(reference: string): Promise<boolean> {
    try {
      await this.docker.getImage(reference).inspect();
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /**
   * What an image reference (or id) names on this machine now: the image id, the registry
   * digests it was pulled by (none for a local build or a tag made offline) and its env;
   * null when it is not here.
   */
  async inspectImage(reference: string): Promise<ImageIdentity | null> {
    try {
      const info = await this.docker.getImage(reference).inspect();
      const config = info.Config as
        | {
            Env?: string[];
            Cmd?: string[] | null;
            Entrypoint?: string[] | string | null;
            Labels?: Record<string, string> | null;
          }
        | undefined;
      const entrypoint = config?.Entrypoint;
      return {
        id: info.Id,
        repoDigests: info.RepoDigests ?? [],
        env: config?.Env ?? [],
        cmd: config?.Cmd ?? null,
        entrypoint: typeof entrypoint === 'string' ? [entrypoint] : (entrypoint ?? null),
        labels: config?.Labels ?? {},
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Builds an image from a context folder, streaming its output; throws with the build's error. */
  async buildImage(
    options: {
      context: string;
      dockerfile: string | null;
      target: string | null;
      args: Record<string, string | null>;
      tag: string;
    },
    onProgress: (progress: StreamProgress) => void,
  ): Promise<void> {
    const src = await readdir(options.context);
    const buildargs = Object.fromEntries(
      Object.entries(options.args).filter((entry): entry is [string, string] => entry[1] !== null),
    );
    const stream = await this.docker.buildImage(
      { context: options.context, src },
      {
        t: options.tag,
        ...(options.dockerfile ? { dockerfile: options.dockerfile } : {}),
        ...(options.target ? { target: options.target } : {}),
        buildargs,
      },
    );
    await followProgress(
      this.docker.modem,
      stream as unknown as Readable,
      buildTracker(),
      onProgress,
    );
  }

  /** Pulls an image, reporting its layers' progress; throws with the registry's error. */
  async pullImage(
    reference: string,
    onProgress: (progress: StreamProgress) => void,
  ): Promise<void> {
    const stream = (await this.docker.pull(reference)) as Readable;
    await followProgress(this.docker.modem, stream, pullTracker(), onProgress);
  }

  /**
   * Creates a container and returns its id. The container is created on its primary network
   * (its NetworkMode) and connected to the others before it starts, as Compose does: engines
   * before API 1.44 (Docker 20.10, 23, 24) refuse a create naming more than one network. A
   * container that could not join them all is removed, so that no later up finds it matching.
   */
  async createContainer(spec: Docker.ContainerCreateOptions): Promise<string> {
    const { primary, others } = splitEndpoints(spec);
    const container = await this.docker.createContainer(primary);
    try {
      for (const [network, endpoint] of others) {
        await this.docker
          .getNetwork(network)
          .connect({ Container: container.id, EndpointConfig: endpoint });
      }
    } catch (error) {
      await container.remove({ force: true }).catch(() => undefined);
      throw error;
    }
    return container.id;
  }

  /** Extracts a tar archive at the root of a container, its files owned by its user. */
  async putArchive(id: string, archive: Buffer): Promise<void> {
    await this.docker.getContainer(id).putArchive(archive, { path: '/', copyUIDGID: true });
  }

  /**
   * Starts a container; a running one is fine (up keeps the containers that match when it
   * scales a service, and starts them with the new ones).
   */
  async startContainer(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).start();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 304) throw error;
    }
  }

  /**
   * Stops a container, giving it `timeoutSeconds` (else its own stop_grace_period) before it
   * is killed; a stopped one is fine.
   */
  async stopContainer(id: string, timeoutSeconds?: number): Promise<void> {
    try {
      await this.docker
        .getContainer(id)
        .stop(timeoutSeconds === undefined ? {} : { t: timeoutSeconds });
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 304) throw error;
    }
  }

  /** Restarts a container, with the same stop rules as stopContainer. */
  async restartContainer(id: string, timeoutSeconds?: number): Promise<void> {
    await this.docker
      .getContainer(id)
      .restart(timeoutSeconds === undefined ? {} : { t: timeoutSeconds });
  }

  /** Removes a container (its anonymous volumes too only when asked). */
  async removeContainer(id: string, removeVolumes = false): Promise<void> {
    await this.docker.getContainer(id).remove({ force: true, v: removeVolumes });
  }

  /** The engine's full view of a container. */
  inspectContainer(id: string): Promise<Docker.ContainerInspectInfo> {
    return this.docker.getContainer(id).inspect();
  }

  /**
   * Runs a command in a running container (a quick action) and returns its exit code and
   * its stdout and stderr interleaved, the first `maxBytes` of them.
   */
  async execInContainer(
    id: string,
    command: string[],
    maxBytes = 64 * 1024,
  ): Promise<{ exitCode: number; output: string }> {
    const exec = await this.docker
      .getContainer(id)
      .exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (size < maxBytes) chunks.push(chunk.subarray(0, maxBytes - size));
        size += chunk.length;
        done();
      },
    });
    this.docker.modem.demuxStream(stream, collect, collect);
    await new Promise<void>((resolve, reject) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', reject);
    });
    const { ExitCode } = await exec.inspect();
    return { exitCode: ExitCode ?? -1, output: Buffer.concat(chunks).toString('utf8') };
  }

  /** Removes a project's networks; returns their names. */
  async removeProjectNetworks(project: string): Promise<string[]> {
    const networks = await this.docker.listNetworks({
      filters: { label: [`${COMPOSE_LABEL.project}=${project}`] },
    });
    await Promise.all(networks.map((network) => this.docker.getNetwork(network.Id).remove()));
    return networks.map((network) => network.Name);
  }

  /** Removes a project's named volumes; returns their names. */
  async removeProjectVolumes(project: string): Promise<string[]> {
    const { Volumes } = await this.docker.listVolumes({
      filters: { label: [`${COMPOSE_LABEL.project}=${project}`] },
    });
    await Promise.all(Volumes.map((volume) => this.docker.getVolume(volume.Name).remove()));
    return Volumes.map((volume) => volume.Name);
  }

  // Build and pull report failure as an {error} line in a stream that itself ends fine.

  /** Every running container on the engine, of any project or none, with its published ports. */
  listRunningContainers(): Promise<Docker.ContainerInfo[]> {
    return this.docker.listContainers();
  }

  /**
   * A container's log, every message prefixed with its timestamp: multiplexed stdout/stderr
   * frames, or the raw output of a container with a TTY. Without `follow` it ends at the log's
   * current end; with it, when the container stops. `since` is Unix seconds (fraction allowed).
   */
  containerLogs(
    id: string,
    options: { follow: boolean; tail?: number | 'all'; since?: string },
  ): Promise<Readable> {
    return new Promise((resolve, reject) => {
      this.docker.modem.dial(
        {
          path: `/containers/${encodeURIComponent(id)}/logs?`,
          method: 'GET',
          // A stream even without follow: dockerode would otherwise buffer the whole log.
          isStream: true,
          statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
          options: {
            stdout: true,
            stderr: true,
            timestamps: true,
            follow: options.follow,
            ...(options.tail === undefined ? {} : { tail: String(options.tail) }),
            ...(options.since === undefined ? {} : { since: options.since }),
          },
        },
        (error, result) => (error ? reject(error) : resolve(result as Readable)),
      );
    });
  }

  /**
   * The raw event stream (newline-delimited JSON) of every Compose-labelled container's
   * lifecycle, from `since` (Unix seconds with nanoseconds, inclusive) when given, else from
   * now; resolves once subscribed. `openedAt` is the engine's clock at that moment, to the
   * second (null when it did not say). Destroying the stream ends the subscription.
   */
  composeEventStream(since?: string): Promise<{ stream: Readable; openedAt: string | null }> {
    return new Promise((resolve, reject) => {
      this.docker.modem.dial(
        {
          path: '/events?',
          method: 'GET',
          isStream: true,
          statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
          options: composeEventsQuery(since),
        },
        (error, result) => {
          if (error) return reject(error);
          const stream = result as Readable & { headers?: Record<string, string | undefined> };
          const date = Date.parse(stream.headers?.date ?? '');
          resolve({ stream, openedAt: Number.isNaN(date) ? null : String(date / 1000) });
        },
      );
    });
  }

  /**
   * One sample of a container's resource use. Not `one-shot`: the engine waits for a second
   * sample so that precpu_stats is filled and a CPU percentage can be computed.
   */
  containerStats(id: string): Promise<Docker.ContainerStats> {
    return this.docker.getContainer(id).stats({ stream: false });
  }
}

// What a container goes through; exec_* and attach/resize noise (a healthcheck execs every few
// seconds) is left on the engine.

function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: number } | null)?.statusCode === 404;
}
