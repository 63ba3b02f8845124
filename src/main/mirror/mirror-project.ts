import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Diagnostic } from '../../shared/diagnostics';
import { MIRROR_FILE } from '../config/mirror-file';
import type { LoadedProject } from '../config/load-project';
import { matchServices } from '../drift/match-services';
import { loadProduction } from '../drift/production';
import { productionReaders } from '../drift/readers';
import { writeFileAtomicSync } from '../settings/atomic-write';
import { readConfigSources } from './config-sources';
import { writeMirrorFiles } from './mirror-files-write';
import { planMirror, type MirrorPlan } from './mirror-plan';
import type { MirrorFile } from './mirror-types';
import { renderMirror } from './mirror-yaml';

/** How many containers one service is scaled to when parity.yaml does not say. */
export const DEFAULT_MAX_REPLICAS = 3;

/** What the caller asks beyond parity.yaml's `mirror:` (the CLI's flags). */
export interface MirrorRequest {
  /** Only these laptop services (all paired ones when empty). */
  only?: readonly string[];
  /** Production's image also for services built from source (`--images`). */
  images?: boolean;
  maxReplicas?: number;
}

/** The override for a project: its plan, its text and the file it belongs in. */
export type MirrorResult =
  | { ok: true; plan: MirrorPlan; text: string; file: string; diagnostics: Diagnostic[] }
  | { ok: false; reason: string; diagnostics: Diagnostic[] };

/**
 * The mirror of a project (the core of `parity mirror`, the app's switch and Adopt): production
 * read from parity.yaml's sources, paired with the laptop's services, planned with parity.yaml's
 * `mirror:` options and rendered. Nothing is written.
 */
export function mirrorProject(project: LoadedProject, request: MirrorRequest = {}): MirrorResult {
  if (!project.parity?.production?.length) {
    const reason = 'parity.yaml names no production source, so there is nothing to mirror';
    return { ok: false, reason, diagnostics: [] };
  }
  const settings = project.parity.mirror;
  const production = loadProduction(project, productionReaders);
  const { diagnostics } = production;
  if (!production.model) {
    return { ok: false, reason: 'the production sources could not be read', diagnostics };
  }
  const matches = matchServices(
    project.model,
    production.model,
    project.parity.map ?? {},
    production.workloads,
  );
  const plan = planMirror(
    {
      dev: project.model,
      prod: production.model,
      matches,
      secretKeys: production.secretKeys,
      config: readConfigSources(project),
    },
    {
      images: request.images === true || settings?.images === true,
      maxReplicas: request.maxReplicas ?? settings?.maxReplicas ?? DEFAULT_MAX_REPLICAS,
      only: request.only ?? [],
      exclude: settings?.exclude ?? [],
    },
  );
  const first = project.composeFiles[0] ?? join(project.workingDir, 'compose.yaml');
  const file = join(dirname(first), MIRROR_FILE);
  return {
    ok: true,
    plan,
    text: renderMirror(plan, relative(dirname(first), first)),
    file,
    diagnostics,
  };
}

/** The override as it is on disk now; null when there is none (or it cannot be read). */
export function readMirror(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Writes the override and the ConfigMap files its mounts bind (under .parity/mirror/ beside
 * it); a committed compose.mirror.yaml that is a link is refused.
 */
export function writeMirror(file: string, text: string, files: readonly MirrorFile[] = []): void {
  writeMirrorFiles(dirname(file), files);
  writeFileAtomicSync(file, text, {
    mode: 0o644,
    keepMode: true,
    symlink: 'refuse',
    createFolder: false,
  });
}
