import type { DockerEngine } from './docker-engine';
import { watchEngine, type ContainerWatchEvent } from './engine-watcher';

/**
 * The container events of one project, dispatched to whoever waits on a container, from the
 * engine's one shared watcher. Waiters subscribe before they inspect, so no event between the
 * two is lost.
 */
export class ContainerEvents {
  private readonly listeners = new Map<string, Set<(event: ContainerWatchEvent) => void>>();
  private readonly anyListeners = new Set<(event: ContainerWatchEvent) => void>();
  private unsubscribe: () => void = () => undefined;

  private constructor() {}

  /** Subscribes to a project's container events; resolves once the engine's stream is open. */
  static async open(engine: DockerEngine, project: string): Promise<ContainerEvents> {
    const events = new ContainerEvents();
    const watcher = watchEngine(engine);
    events.unsubscribe = watcher.subscribe(
      (event) => {
        if (event.type !== 'container') return;
        for (const listener of events.listeners.get(event.containerId) ?? []) listener(event);
        for (const listener of events.anyListeners) listener(event);
      },
      { project },
    );
    try {
      await watcher.ready();
    } catch (error) {
      events.close();
      throw error;
    }
    return events;
  }

  /** Calls `listener` for each event of a container until the returned function is called. */
  on(containerId: string, listener: (event: ContainerWatchEvent) => void): () => void {
    let set = this.listeners.get(containerId);
    if (!set) this.listeners.set(containerId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Calls `listener` for each event of any container of the project. */
  onAny(listener: (event: ContainerWatchEvent) => void): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  /** Ends this subscription (the engine's stream closes with its last subscriber). */
  close(): void {
    this.unsubscribe();
  }
}
