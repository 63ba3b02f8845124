import type { Operation } from '../../shared/api/event-contract';
import type { ServiceProgress } from '../../shared/progress';
import type { LoadedProject } from '../config/load-project';
import type { DockerEngine } from '../engine/docker-engine';
import { projectLockKey, withProjectLock } from '../engine/project-lock';
import { otherFolderUsingName, ProjectNameTakenError } from '../trust/name-owner';
import type { ProjectRegistry } from './project-registry';
import type { SessionHub } from './sessions';

/**
 * Runs operations that change a project's containers: one at a time per project (the lock
 * the CLI takes too), with every step pushed as a progress event and the project marked busy
 * meanwhile. A project whose name another folder's containers use is refused
 * (ProjectNameTakenError): acting on it would change that other project.
 */
export class StackOperations {
  private readonly busy = new Set<string>();

  constructor(
    private readonly engine: DockerEngine,
    private readonly registry: ProjectRegistry,
    private readonly hub: SessionHub,
    /** Called when a project starts or stops being busy. */
    private readonly onBusyChange: (id: string) => void,
  ) {}

  isBusy(id: string): boolean {
    return this.busy.has(id);
  }

  async run<T>(
    id: string,
    operation: Operation,
    work: (project: LoadedProject, onProgress: (step: ServiceProgress) => void) => Promise<T>,
  ): Promise<T> {
    const project = await this.registry.loadValid(id);
    const other = await otherFolderUsingName(this.engine, project);
    if (other !== null) throw new ProjectNameTakenError(project.name, other);
    const onProgress = (step: ServiceProgress): void =>
      this.hub.broadcast({ event: 'progress', payload: { project: id, operation, step } });
    return withProjectLock(projectLockKey(this.engine.endpoint, project.name), async () => {
      this.busy.add(id);
      this.onBusyChange(id);
      try {
        const result = await work(project, onProgress);
        this.finish(id, operation, { ok: true });
        return result;
      } catch (error) {
        this.finish(id, operation, { ok: false, message: (error as Error).message });
        throw error;
      }
    });
  }

  /**
   * Tells every window that an operation Parity started on its own (not from a click) did not
   * run, and why: it shows as that operation's failure, as a refused click would.
   */
  refused(id: string, operation: Operation, message: string): void {
    this.hub.broadcast({
      event: 'progress',
      payload: { project: id, operation, done: { ok: false, message } },
    });
  }

  private finish(id: string, operation: Operation, done: { ok: boolean; message?: string }): void {
    this.busy.delete(id);
    this.hub.broadcast({ event: 'progress', payload: { project: id, operation, done } });
    this.onBusyChange(id);
  }
}
