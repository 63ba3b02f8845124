import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LoadedProject } from '../config/load-project';
import { COMPOSE_LABEL } from '../engine/compose-labels';
import type { DockerEngine } from '../engine/docker-engine';

/** The project's name is used by containers of another folder; nothing was done to them. */
export class ProjectNameTakenError extends Error {
  override readonly name = 'ProjectNameTakenError';

  constructor(
    readonly project: string,
    readonly otherFolder: string,
  ) {
    super(
      `Not touching project "${project}": its containers belong to another folder, ${otherFolder}. ` +
        "Give this folder's project another name (name: in its compose file), or act from that folder.",
    );
  }
}

/**
 * The folder of another project using this project's name: containers labelled with the name
 * whose working_dir label (written by Compose and Parity alike) is another folder. Null when the
 * name is free or the containers are this folder's (or say no folder). Acting on such a name
 * would stop, recreate or remove the other project's containers and volumes.
 */
export async function otherFolderUsingName(
  engine: Pick<DockerEngine, 'listProjectContainers'>,
  project: Pick<LoadedProject, 'name' | 'workingDir'>,
): Promise<string | null> {
  const own = canonical(project.workingDir);
  for (const container of await engine.listProjectContainers(project.name)) {
    const folder = container.Labels[COMPOSE_LABEL.workingDir];
    if (folder && canonical(folder) !== own) return folder;
  }
  return null;
}

// The same folder reached through a symbolic link is the same project.
function canonical(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return resolve(folder);
  }
}
