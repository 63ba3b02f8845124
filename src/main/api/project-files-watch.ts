import { watch, type FSWatcher } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { sourcePaths } from '../../shared/parity-config';
import type { LoadedProject } from '../config/load-project';

const SETTLE_MS = 150;

/**
 * Watches the files a project is read from (its folder, each compose file's folder and each
 * production source) and calls `onChange` once edits settle. Folders are watched without
 * recursion, so a project with a large tree costs a handful of watchers.
 */
export function watchProjectFiles(
  id: string,
  project: LoadedProject | null,
  onChange: () => void,
): () => void {
  const paths = new Set([id]);
  for (const file of project?.composeFiles ?? []) paths.add(dirname(file));
  for (const source of project?.parity?.production ?? []) {
    for (const path of sourcePaths(source)) {
      paths.add(resolve(project?.workingDir ?? id, path));
    }
  }
  let timer: ReturnType<typeof setTimeout> | null = null;
  const changed = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, SETTLE_MS);
  };
  const watchers: FSWatcher[] = [];
  for (const path of paths) {
    try {
      watchers.push(watch(path, { persistent: false }, changed).on('error', () => undefined));
    } catch {
      // A path that does not exist yet: the project reports it as a problem already.
    }
  }
  return () => {
    if (timer) clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
