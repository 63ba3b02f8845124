import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LoadedProject } from '../config/load-project';
import { writeFileAtomicSync } from '../settings/atomic-write';
import { editAdoptText } from './adopt-edit';
import { adoptTarget, AdoptRefusedError } from './adopt-value';

export { AdoptRefusedError } from './adopt-value';

/** The change Adopt makes to one compose file, as the user is shown it before it is written. */
export interface AdoptChange {
  /** The compose file, relative to the project folder as findings name it. */
  file: string;
  /** The first changed line (1-based). */
  line: number;
  before: string[];
  after: string[];
  /** sha256 of the file the change was computed on: apply refuses a file changed since. */
  hash: string;
}

/**
 * The change that writes production's value for one finding (`service`, drift `path`) into the
 * compose file that defines it; nothing is written. Throws AdoptRefusedError saying why when
 * the value is not one to write on a laptop (a secret, an outside host) or cannot be placed.
 */
export function previewAdopt(project: LoadedProject, service: string, path: string): AdoptChange {
  return planAdopt(project, service, path).change;
}

/**
 * Writes the change previewAdopt showed, atomically, when the file still has the hash it was
 * shown with; a file changed since (by an editor, another Parity) is refused, never overwritten.
 */
export function applyAdopt(
  project: LoadedProject,
  service: string,
  path: string,
  hash: string,
): AdoptChange {
  const { change, absolute, text } = planAdopt(project, service, path);
  if (change.hash !== hash) {
    throw new AdoptRefusedError(
      `${change.file} changed since the change was shown: look at it again before applying`,
    );
  }
  // A repository's file keeps its mode; a committed link is refused, never written through.
  writeFileAtomicSync(absolute, text, {
    mode: 0o644,
    keepMode: true,
    symlink: 'refuse',
    createFolder: false,
  });
  return change;
}

function planAdopt(
  project: LoadedProject,
  service: string,
  path: string,
): { change: AdoptChange; absolute: string; text: string } {
  const target = adoptTarget(project, service, path);
  const model = project.model.services[service];
  const file = target.dev?.file ?? model?.source.file ?? '';
  if (!/\.ya?ml$/i.test(file)) {
    throw new AdoptRefusedError(
      `${service}.${path} is set in ${file || 'no file'}, not in a compose file: edit it there`,
    );
  }
  const absolute = resolve(project.workingDir, file);
  const original = readFileSync(absolute, 'utf8');
  const edit = editAdoptText(original, file, { ...target, devValue: devValue(project, target) });
  const hash = createHash('sha256').update(original).digest('hex');
  return {
    change: { file, line: edit.line, before: edit.before, after: edit.after, hash },
    absolute,
    text: edit.text,
  };
}

function devValue(
  project: LoadedProject,
  target: { service: string; keys: string[] },
): string | null {
  const model = project.model.services[target.service];
  const [first, second] = target.keys;
  if (!model) return null;
  if (first === 'environment' && second) return model.environment[second]?.value ?? null;
  if (first === 'image') return model.image?.value.raw ?? null;
  if (first === 'user') return model.user?.value ?? null;
  if (first === 'read_only') return model.readOnly ? String(model.readOnly.value) : null;
  if (first === 'privileged') return model.privileged ? String(model.privileged.value) : null;
  return null;
}
