import { realpathSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { ProductionSource } from '../../shared/parity-config';
import type { TrustAsk } from '../../shared/trust';
import type { LoadedProject } from '../config/load-project';
import { isInside } from './host-paths';
import { outsideKustomizeBases } from './kustomize-bases';

/** One path a production source of parity.yaml reads, and whether it leaves the project folder. */
export interface SourcePath {
  source: ProductionSource;
  /** Where parity.yaml writes it: `production.kubernetes`, `production.helm.values`. */
  key: string;
  /** As shown to the user: relative to the project folder (`../infra/k8s`) when near it. */
  shown: string;
  /** The absolute path it leads to, symbolic links followed. */
  resolved: string;
  outside: boolean;
}

/** Whether `path`, links followed, is outside both folders of the project. */
export function leavesProject(path: string, project: LoadedProject): boolean {
  const real = realPath(path);
  return ![project.configDir, project.workingDir].some((root) => isInside(real, realPath(root)));
}

/** The path as it is kept and shown: its real path, or as written when it does not exist. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Relative to the project when near it (`../shared/x.env`), else absolute (`/usr`). */
export function shownPath(path: string, from: string): string {
  const rel = relative(from, path);
  return rel.split(sep).filter((part) => part === '..').length <= 2
    ? rel.split(sep).join('/')
    : path;
}

/**
 * Every path the production sources of parity.yaml read (manifest files and folders, a chart
 * and its values, a compose file, a snapshot), relative to parity.yaml's folder as written,
 * and the Kustomize bases outside the folder that an overlay inside it names.
 */
export function productionPaths(
  project: LoadedProject,
  sources: readonly ProductionSource[] = project.parity?.production ?? [],
): SourcePath[] {
  return sources.flatMap((source) => {
    const written: [string, string][] =
      'helm' in source
        ? [
            ['production.helm.chart', source.helm.chart],
            ...[source.helm.values ?? []]
              .flat()
              .map((v): [string, string] => ['production.helm.values', v]),
          ]
        : Object.entries(source).flatMap(([kind, paths]: [string, string | string[]]) =>
            [paths].flat().map((path): [string, string] => [`production.${kind}`, path]),
          );
    return written.flatMap(([key, path]) => {
      const absolute = resolve(project.configDir, path);
      const read = (at: string, outside: boolean): SourcePath => ({
        source,
        key,
        shown: shownPath(at, project.configDir),
        resolved: realPath(at),
        outside,
      });
      if (leavesProject(absolute, project)) return [read(absolute, true)];
      // A Kustomize overlay inside may build on bases outside: Kustomize reads those too.
      const bases =
        key === 'production.kubernetes'
          ? outsideKustomizeBases(absolute, (at) => leavesProject(at, project))
          : [];
      return [read(absolute, false), ...bases.map((base) => read(base, true))];
    });
  });
}

/**
 * The production sources of parity.yaml that read outside the project folder, one ask each:
 * Parity reads them on every drift (Kustomize and Helm render them), so a repository naming
 * `../infra/k8s`, `/etc` or a link to either is shown as such before anything reads it.
 */
export function outsideSourceAsks(project: LoadedProject): TrustAsk[] {
  return productionPaths(project)
    .filter((path) => path.outside)
    .map((path) => ({
      service: null,
      key: path.key,
      value: path.shown,
      means: 'production read from outside the project folder',
      resolved: path.resolved,
    }));
}
