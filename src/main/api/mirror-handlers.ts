import type { ApiHandlers } from '../../shared/api/contract';
import { firstErrorText } from '../../shared/diagnostics';
import { loadProject, type LoadedProject } from '../config/load-project';
import { applyAdopt, previewAdopt } from '../drift/adopt';
import { removeContainers } from '../engine/remove';
import { mirrorProject, readMirror, writeMirror } from '../mirror/mirror-project';
import { gateMirror } from '../mirror/mirror-trust';
import { InvalidProjectError } from './project-registry';
import { stackUpHandler, type TrustedOperationDeps } from './trusted-operations';

/** What Adopt and the Mirror production switch need from the API. */
export interface MirrorHandlerDeps extends TrustedOperationDeps {
  /** The project's files changed: drift and summaries are read again, every window told. */
  filesChanged: (id: string) => void;
}

type MirrorHandlers = Pick<
  ApiHandlers,
  'drift.adoptPreview' | 'drift.adopt' | 'projects.setMirror'
>;

/**
 * `drift.adoptPreview` / `drift.adopt` (src/main/drift/adopt.ts) and `projects.setMirror`.
 * Adopt reads the project's own files, never the mirror's override: the value goes into the
 * compose file the laptop keeps.
 */
export function mirrorHandlers(deps: MirrorHandlerDeps): MirrorHandlers {
  const { engine, registry, operations, env, filesChanged } = deps;
  const stackUp = stackUpHandler(deps);
  // The files as committed, every profile's services included (as `parity mirror` reads them),
  // read here rather than on the load worker: adopt and the switch are one click, and they
  // write from what they read.
  const read = (id: string, mirror: boolean) => {
    registry.require(id);
    return loadProject({ dir: id, env, profiles: ['*'], mirror });
  };
  const own = (id: string, mirror = false): LoadedProject | null => read(id, mirror).project;
  const ownValid = (id: string): LoadedProject => {
    const { project, diagnostics } = read(id, false);
    if (project) return project;
    throw new InvalidProjectError(
      `${id} cannot be used until its files are fixed: ${firstErrorText(diagnostics)}`,
    );
  };

  return {
    'drift.adoptPreview': ({ project, service, path }) =>
      Promise.resolve(previewAdopt(ownValid(project), service, path)),
    'drift.adopt': ({ project, service, path, hash }) => {
      const change = applyAdopt(ownValid(project), service, path, hash);
      filesChanged(project);
      return Promise.resolve(change);
    },
    'projects.setMirror': async ({ project: id, mirror, trust }, session) => {
      const base = ownValid(id);
      let removed: string[] = [];
      if (mirror) {
        const mirrored = mirrorProject(base);
        if (!mirrored.ok) {
          const first = mirrored.diagnostics[0]?.message;
          throw new InvalidProjectError(
            `cannot mirror ${id}: ${mirrored.reason}${first ? `: ${first}` : ''}`,
          );
        }
        // Production asking for host-level power the laptop's stack does not: asked as Start
        // asks, and the switch stays off until the user agrees.
        const gate = gateMirror(id, mirrored, deps.settings, env, trust);
        if (!gate.ok && 'needsTrust' in gate) {
          return { mirror: false, failed: [], removed: [], needsTrust: gate.needsTrust };
        }
        if (!gate.ok) throw new InvalidProjectError(`cannot mirror ${id}: ${gate.invalid}`);
        writeMirror(mirrored.file, mirrored.text, mirrored.plan.files);
      } else {
        // The services only the override ran go (stopped, removed; their volumes stay).
        const withMirror = registry.mirroring(id) ? own(id, true) : null;
        const only = Object.keys(withMirror?.model.services ?? {}).filter(
          (name) => !base.model.services[name],
        );
        if (only.length > 0) {
          removed = await operations.run(id, 'remove', (loaded, onProgress) =>
            removeContainers(engine, loaded.name, { services: only, stop: true, onProgress }),
          );
        }
      }
      registry.setMirroring(id, mirror);
      filesChanged(id);
      const { failed, needsTrust } = await stackUp({ project: id }, session);
      const untrusted = needsTrust
        ? [
            {
              service: '*',
              reason: 'the stack asks for host-level power: press Start to review and trust it',
            },
          ]
        : [];
      return { mirror, failed: [...failed, ...untrusted], removed };
    },
  };
}

/**
 * While a project mirrors production, its override follows the files: after an edit (of a
 * production manifest, or of compose.yaml by Adopt) compose.mirror.yaml is written again and
 * the stack brought up with it, when the text changed. Its own write changes nothing the second
 * time, so the watcher settles. Failures show as the operation's progress, as a Start's do.
 */
export function mirrorRefresher(deps: MirrorHandlerDeps): (id: string) => void {
  const { registry, env, operations } = deps;
  const stackUp = stackUpHandler(deps);
  const core = { id: 'mirror', emit: () => undefined, onClose: () => undefined };
  return (id) => {
    if (!registry.ids().includes(id) || !registry.mirroring(id)) return;
    const base = loadProject({ dir: id, env, profiles: ['*'] }).project;
    const mirrored = base ? mirrorProject(base) : null;
    if (!mirrored?.ok) return;
    if (readMirror(mirrored.file) === mirrored.text) return;
    try {
      writeMirror(mirrored.file, mirrored.text, mirrored.plan.files);
    } catch {
      return;
    }
    stackUp({ project: id }, core).then(
      ({ needsTrust }) => {
        // Production now asks for more than the folder was trusted with: the override is
        // written, the stack keeps running what it ran, and the user is told where to decide.
        if (!needsTrust) return;
        const asked = needsTrust.asks.map((a) => `${a.service ?? 'project'} ${a.key} ${a.value}`);
        operations.refused(
          id,
          'up',
          `production now asks for host-level power (${asked.join(', ')}): the mirror was not restarted; press Start to review and trust it`,
        );
      },
      () => undefined,
    );
  };
}
