import {
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Diagnostic } from '../../shared/diagnostics';
import { AcceptedDriftSchema, type ParityConfig } from '../../shared/parity-config';
import { PARITY_FILE, readParityFile } from '../config/parity-file';
import { editAcceptText } from './accept-edit';
import { AcceptDriftError, type AcceptEntry } from './accept-entry';

export { AcceptDriftError, type AcceptEntry } from './accept-entry';

// acceptDrift: the text edit of accept-edit.ts, checked with the parity.yaml loader before and
// after, and written atomically.

/** What acceptDrift did. */
export interface AcceptResult {
  /** The parity.yaml written (or that would have been, when nothing changed), absolute. */
  file: string;
  /** Whether parity.yaml was created. */
  created: boolean;
  /** Paths written as new entries. */
  added: string[];
  /** Paths already accepted whose reason or expiry was replaced. */
  updated: string[];
  /** Paths already accepted with the same reason and expiry: nothing written for them. */
  unchanged: string[];
}

/**
 * Accepts drift differences in a project's parity.yaml (`target`: the project folder or the
 * parity.yaml itself): adds each entry to `drift.accept`, creating `drift:` and `accept:` (or
 * the file) when absent; an entry whose path is already accepted gets the new reason and
 * expiry instead of a second entry. Nothing is written when the file does not load as it is
 * (invalid YAML, `drift`/`accept` of the wrong type: AcceptDriftError with file:line:col), or
 * when the edited file would not load; the file is replaced atomically (temp file + rename).
 */
export function acceptDrift(target: string, entries: readonly AcceptEntry[]): AcceptResult {
  const wanted = checkEntries(entries);
  const file = parityFileOf(target);
  if (wanted.length === 0) return { file, created: false, added: [], updated: [], unchanged: [] };
  // Someone else may write parity.yaml meanwhile (an editor, a second Parity): the edit is
  // redone on their version rather than overwriting it.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const result = writeAccepts(file, wanted);
    if (result) return result;
  }
  throw new AcceptDriftError(`${file} kept changing while Parity wrote to it; try again`);
}

/**
 * The parity.yaml of a project folder, or the file itself; absolute, symlinks followed only
 * while they stay in the project folder (a `parity.yaml -> shared/parity.yaml` of a monorepo):
 * a committed `parity.yaml -> ../../victim` is refused, since the edit would land outside.
 */
function parityFileOf(target: string): string {
  const path = resolve(target);
  let stat;
  try {
    stat = statSync(path);
  } catch {
    stat = null;
  }
  const file = stat?.isDirectory() ? join(path, PARITY_FILE) : path;
  if (!stat && !/\.ya?ml$/i.test(path)) {
    throw new AcceptDriftError(`cannot accept drift: no project folder ${path}`);
  }
  let folder;
  try {
    folder = realpathSync(dirname(file));
  } catch {
    // Not there yet: created in its folder, which must exist.
    throw new AcceptDriftError(`cannot accept drift: no project folder ${dirname(file)}`);
  }
  const named = join(folder, basename(file));
  if (!lstatSync(named, { throwIfNoEntry: false })?.isSymbolicLink()) return named;
  let real: string | null;
  try {
    real = realpathSync(named);
  } catch {
    real = null;
  }
  if (real === null || !real.startsWith(folder + sep)) {
    throw new AcceptDriftError(
      `cannot accept drift: ${named} is a symbolic link to ${readlinkSync(named)}, outside the project folder; Parity does not write through it, so nothing was written: replace it with a regular file and try again`,
    );
  }
  return real;
}

function readIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AcceptDriftError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** Entries checked against the schema, one per path (a later one of the same path wins). */
function checkEntries(entries: readonly AcceptEntry[]): AcceptEntry[] {
  const byPath = new Map<string, AcceptEntry>();
  const problems: Diagnostic[] = [];
  entries.forEach((entry, index) => {
    const parsed = AcceptedDriftSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? ` ${issue.path.map(String).join('.')}` : '';
        problems.push({
          severity: 'error',
          message: `entry ${index + 1}${field}: ${issue.message}`,
        });
      }
      return;
    }
    byPath.delete(parsed.data.path);
    byPath.set(parsed.data.path, parsed.data);
  });
  if (problems.length > 0) throw new AcceptDriftError('cannot accept drift:', problems);
  return [...byPath.values()];
}

/**
 * One attempt: the file as it is now, checked with the parity.yaml loader; the edit; the
 * result checked with the loader too, in a private folder beside the real file (same file
 * system, so the checked file is the one renamed into place). Null, writing nothing, when the
 * real file changed since it was read.
 */
function writeAccepts(file: string, wanted: readonly AcceptEntry[]): AcceptResult | null {
  const original = readIfExists(file);
  const scratch = mkdtempSync(join(dirname(file), `.${basename(file)}-`));
  try {
    const staged = join(scratch, PARITY_FILE);
    const mode = original === null ? null : statSync(file).mode & 0o7777;
    if (original !== null) {
      const before = loadText(staged, original, mode);
      if (!before.config) {
        throw new AcceptDriftError(
          `cannot accept drift: ${file} does not load; nothing was written, fix it first:`,
          positioned(before.diagnostics, file),
        );
      }
    }
    const edit = editAcceptText(original ?? '', wanted, file, original === null);
    const result: AcceptResult = {
      file,
      created: original === null,
      added: edit.added,
      updated: edit.updated,
      unchanged: edit.unchanged,
    };
    if (original !== null && edit.text === original) return result;
    const after = loadText(staged, edit.text, mode);
    if (!after.config) {
      throw new AcceptDriftError(
        `cannot accept drift: the edited ${file} would not load, so it was left as it was:`,
        positioned(after.diagnostics, file),
      );
    }
    const missing = wanted.filter((entry) => !holds(after.config, entry));
    if (missing.length > 0) {
      throw new AcceptDriftError(
        `cannot accept drift: the edited ${file} does not read back ${missing.map((e) => e.path).join(', ')}; it was left as it was`,
      );
    }
    if (readIfExists(file) !== original) return null;
    renameSync(staged, file);
    syncFolder(dirname(file));
    return result;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function loadText(
  staged: string,
  text: string,
  mode: number | null,
): { config: ParityConfig | null; diagnostics: Diagnostic[] } {
  const fd = openSync(staged, 'w');
  try {
    // The replaced file keeps its permissions (a new one gets the umask's).
    if (mode !== null) fchmodSync(fd, mode);
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const diagnostics: Diagnostic[] = [];
  const config = readParityFile(dirname(staged), diagnostics);
  const failed = diagnostics.some((d) => d.severity === 'error');
  return { config: failed ? null : (config ?? {}), diagnostics };
}

function holds(config: ParityConfig | null, entry: AcceptEntry): boolean {
  const found = config?.drift?.accept?.find((rule) => rule.path === entry.path);
  return found?.reason === entry.reason && found.expires === entry.expires;
}

function positioned(diagnostics: readonly Diagnostic[], file: string): Diagnostic[] {
  return diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => (d.position ? { ...d, position: { ...d.position, file } } : d));
}

// The rename is durable once the folder's entry is; not every platform can open a folder.
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}
