import { randomUUID } from 'node:crypto';
import type { ApiParams, ApiSession } from '../../shared/api/contract';
import type { DockerEngine } from '../engine/docker-engine';
import { followProjectLogs, type LogsHandle } from '../engine/logs/follow-logs';
import { normalizeTimestamp } from '../engine/logs/timestamps';

/** The request named a subscription this window does not hold. */
export class SubscriptionNotFoundError extends Error {
  override readonly name = 'SubscriptionNotFoundError';
}

/**
 * Log streams opened by windows and tabs. Each belongs to the session that asked for it: its
 * lines go only there, and it ends when that session closes.
 */
export class LogSubscriptions {
  private readonly handles = new Map<string, { owner: string; handle: LogsHandle }>();

  constructor(
    private readonly engine: DockerEngine,
    private readonly ringCapacity: () => number,
  ) {}

  async subscribe(
    project: string,
    params: Omit<ApiParams<'logs.subscribe'>, 'project'>,
    session: ApiSession,
  ): Promise<string> {
    const subscription = randomUUID();
    const since = params.since === undefined ? null : normalizeTimestamp(params.since);
    const handle = await followProjectLogs(this.engine, project, {
      follow: true,
      ringCapacity: this.ringCapacity(),
      ...(params.services ? { services: params.services } : {}),
      ...(params.tail === undefined ? {} : { tail: params.tail }),
      ...(since ? { since } : {}),
      onBatch: ({ lines }) =>
        session.emit({ event: 'logs.batch', payload: { subscription, lines } }),
    });
    this.handles.set(subscription, { owner: session.id, handle });
    session.onClose(() => void this.unsubscribe(subscription, session.id).catch(() => undefined));
    return subscription;
  }

  async unsubscribe(subscription: string, owner: string): Promise<void> {
    const entry = this.handles.get(subscription);
    if (!entry || entry.owner !== owner) {
      throw new SubscriptionNotFoundError(`No log subscription ${subscription} in this window`);
    }
    this.handles.delete(subscription);
    await entry.handle.stop();
  }

  /** Ends every stream (the server or the app is shutting down). */
  async closeAll(): Promise<void> {
    const entries = [...this.handles.values()];
    this.handles.clear();
    await Promise.all(entries.map((entry) => entry.handle.stop()));
  }
}
