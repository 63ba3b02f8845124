import type { EngineChoice, EngineChoices } from '../../../shared/engine-status';
import { dockerConfigDir, listContexts } from './context-store';
import { describeSource, type EngineTarget } from './engine-target';
import { pingTarget, type PingResult } from './ping';
import { contextTarget } from './resolve-endpoint';
import { socketPath, wellKnownSockets, type SocketSearch } from './well-known-sockets';

/** Pings a target; passed in so the listing can be tested without engines. */
export type Ping = (target: EngineTarget) => Promise<PingResult>;

/**
 * What Settings offers to pick from: every Docker context in the store and every well-known
 * socket that exists here, each pinged (in parallel, with a short timeout) for its state, and
 * which one is in use.
 */
export async function listEngineChoices(
  search: SocketSearch,
  inUse: EngineTarget | null,
  ping: Ping = (target) => pingTarget(target, search.env),
): Promise<EngineChoices> {
  const configDir = dockerConfigDir(search.env, search.home);
  const pending: Promise<EngineChoice>[] = [];
  for (const entry of listContexts(configDir)) {
    if (!('name' in entry)) {
      pending.push(
        Promise.resolve({
          kind: 'context',
          value: null,
          label: entry.metaFile,
          endpoint: null,
          state: 'invalid',
          detail: entry.problem,
          inUse: false,
        }),
      );
      continue;
    }
    let target: EngineTarget;
    try {
      target = contextTarget(entry, 'settings');
    } catch (error) {
      pending.push(
        Promise.resolve({
          kind: 'context',
          value: entry.name,
          label: entry.name,
          endpoint: entry.host,
          state: 'invalid',
          detail: error instanceof Error ? error.message : String(error),
          inUse: false,
        }),
      );
      continue;
    }
    const used = inUse?.source.kind === 'context' && inUse.source.context === entry.name;
    pending.push(choice('context', entry.name, entry.name, target, used, ping));
  }
  for (const socket of wellKnownSockets(search)) {
    if (!search.exists(socketPath(socket.endpoint))) continue;
    const target: EngineTarget = {
      endpoint: socket.endpoint,
      parsed: {
        scheme: socket.endpoint.startsWith('npipe:') ? 'npipe' : 'unix',
        path: socketPath(socket.endpoint),
      },
      source: { kind: 'default', socket: socket.label },
      tls: null,
    };
    const used = inUse?.endpoint === socket.endpoint && inUse.source.kind !== 'context';
    pending.push(choice('socket', socket.endpoint, socket.label, target, used, ping));
  }
  return {
    inUse: inUse ? { endpoint: inUse.endpoint, source: describeSource(inUse.source) } : null,
    choices: await Promise.all(pending),
  };
}

async function choice(
  kind: EngineChoice['kind'],
  value: string,
  label: string,
  target: EngineTarget,
  inUse: boolean,
  ping: Ping,
): Promise<EngineChoice> {
  const result = await ping(target);
  return {
    kind,
    value,
    label,
    endpoint: target.endpoint,
    state: result.reachable ? 'reachable' : 'unreachable',
    detail: result.reachable ? `Docker ${result.version}` : result.reason,
    inUse,
  };
}
