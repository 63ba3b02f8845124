import type { Readable } from 'node:stream';
import { parseEventStream, type ContainerEvent } from './event-stream';

/**
 * The container events of one project, dispatched to whoever waits on a container. Waiters
 * subscribe before they inspect, so no event between the two is lost.
 */
export class ContainerEvents {
  private readonly listeners = new Map<string, Set<(event: ContainerEvent) => void>>();
  private readonly anyListeners = new Set<(event: ContainerEvent) => void>();

  constructor(private readonly stream: Readable) {
    parseEventStream(stream, (event) => {
      for (const listener of this.listeners.get(event.id) ?? []) listener(event);
      for (const listener of this.anyListeners) listener(event);
    });
  }

  /** Calls `listener` for each event of any container of the project. */
  onAny(listener: (event: ContainerEvent) => void): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  /** Calls `listener` for each event of a container until the returned function is called. */
  on(containerId: string, listener: (event: ContainerEvent) => void): () => void {
    let set = this.listeners.get(containerId);
    if (!set) this.listeners.set(containerId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Ends the subscription to the engine. */
  close(): void {
    this.stream.destroy();
  }
}
