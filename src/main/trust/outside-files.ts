import { isAbsolute, resolve } from 'node:path';
import type { SourcePosition } from '../../shared/diagnostics';
import type { TrustAsk } from '../../shared/trust';
import type { LoadedProject } from '../config/load-project';
import { leavesProject, outsideSourceAsks, realPath, shownPath } from './outside-sources';

/**
 * The files outside the project folder whose contents reach the containers or the model: env
 * files, extended or included compose files (found through the positions of the values they
 * gave), secret and config files, a .env or parity.yaml's compose files elsewhere, and local
 * build contexts, and parity.yaml's production sources. The project folder is where it was
 * opened and the compose project's folder; links are followed (`./x.env` may lead to ~/.netrc).
 */
export function outsideFileAsks(project: LoadedProject): TrustAsk[] {
  // Every field of every service holds a position: each file is looked up once.
  const seen = new Map<string, boolean>();
  const outside = (path: string): boolean => {
    const known = seen.get(path) ?? leavesProject(path, project);
    seen.set(path, known);
    return known;
  };
  const asks = new Map<string, TrustAsk>();
  const add = (ask: TrustAsk): void => {
    const key = `${ask.service ?? ''}\0${ask.key}\0${ask.value}`;
    if (!asks.has(key)) asks.set(key, ask);
  };
  const shown = (path: string): string => shownPath(path, project.configDir);

  for (const file of [...project.composeFiles, ...project.envFiles]) {
    if (outside(file)) {
      add({
        service: null,
        key: 'file',
        value: shown(file),
        means: 'a file read from outside the project folder',
        resolved: realPath(file),
      });
    }
  }
  for (const service of Object.values(project.model.services)) {
    for (const position of positionsIn(service)) {
      const file = resolve(project.workingDir, position.file);
      if (!outside(file)) continue;
      add({
        service: service.name,
        key: 'file',
        value: shown(file),
        means: 'values read from a file outside the project folder',
        position,
        resolved: realPath(file),
      });
    }
    for (const { value: mount, source } of service.fileMounts ?? []) {
      if (mount.file === null || !outside(mount.file)) continue;
      add({
        service: service.name,
        key: `${mount.kind}s`,
        value: `${mount.name}: ${shown(mount.file)}`,
        means: 'a file from outside the project folder put into the container',
        position: source,
        resolved: realPath(mount.file),
      });
    }
    const build = service.build;
    if (build && isAbsolute(build.value.context) && outside(build.value.context)) {
      add({
        service: service.name,
        key: 'build',
        value: build.value.display,
        means: 'a build context outside the project folder, sent to the engine',
        position: build.source,
        resolved: realPath(build.value.context),
      });
    }
  }
  for (const ask of outsideSourceAsks(project)) add(ask);
  return [...asks.values()];
}

// Every source position a service's model holds (each field records the file it came from).
function positionsIn(value: unknown, found: SourcePosition[] = [], depth = 0): SourcePosition[] {
  if (depth > 12 || typeof value !== 'object' || value === null) return found;
  if (Array.isArray(value)) {
    for (const item of value) positionsIn(item, found, depth + 1);
    return found;
  }
  const record = value as Record<string, unknown>;
  if (
    typeof record.file === 'string' &&
    typeof record.line === 'number' &&
    typeof record.column === 'number'
  ) {
    found.push({ file: record.file, line: record.line, column: record.column });
    return found;
  }
  for (const item of Object.values(record)) positionsIn(item, found, depth + 1);
  return found;
}
