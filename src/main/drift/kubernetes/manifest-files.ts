import { readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../../../shared/diagnostics';
import { MAX_TEXT } from '../../config/yaml-limits';

const MANIFEST = /\.(ya?ml|json)$/i;
const KUSTOMIZATION = /^kustomization\.ya?ml$/i;

/** A manifest file: where it is, and how positions name it (relative to the base folder). */
export interface ManifestFile {
  path: string;
  display: string;
}

/**
 * The manifest files named by `paths` (relative to `baseDir`): a file as given, a folder's
 * *.yaml/*.yml/*.json at any depth; sorted, each once, as `kubectl apply -R -f` reads them.
 */
export function listManifestFiles(
  paths: readonly string[],
  baseDir: string,
): { files: ManifestFile[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const files: ManifestFile[] = [];
  const add = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const display = relative(baseDir, path).split(sep).join('/') || path;
    // A Kustomize file is not a manifest (older ones have no kind at all). A folder that holds
    // one is rendered when parity.yaml names it; found deeper, inside a folder of loose files,
    // it is skipped.
    if (KUSTOMIZATION.test(basename(path))) {
      const folder = dirname(display) === '.' ? '.' : dirname(display);
      diagnostics.push({
        severity: 'warning',
        message: `${display} is a Kustomize file: skipped, not applied; name its folder (${folder}) in parity.yaml to have it rendered with Kustomize`,
      });
      return;
    }
    files.push({ path, display });
  };
  for (const given of paths) {
    const path = resolve(baseDir, given);
    const kind = kindOf(path);
    if (kind === 'file') {
      const size = sizeOf(path);
      if (size <= MAX_TEXT) add(path);
      else
        diagnostics.push({
          severity: 'error',
          message: `found ${size} bytes in "${relative(baseDir, path).split(sep).join('/')}", expected a Kubernetes manifest of at most ${MAX_TEXT} (16 MiB)`,
        });
    } else if (kind === 'dir') {
      const shown = relative(baseDir, path).split(sep).join('/') || '.';
      const budget = { given: shown, entries: 0, manifests: 0, bytes: 0, stopped: false };
      const found = walk(path, diagnostics, budget);
      if (!budget.stopped) found.forEach(add);
    } else
      diagnostics.push({
        severity: 'error',
        message: `found no file or folder "${given}", expected Kubernetes manifests`,
      });
  }
  return { files, diagnostics };
}

// A folder of manifests is small; a repository may name `/usr` or a home folder, which must
// not be walked for a minute on every drift. Past these, the walk stops with one error.
const MAX_ENTRIES = 20_000;
const MAX_MANIFESTS = 2_000;
const MAX_DEPTH = 16;
// Every manifest of a folder is read and parsed: real ones total a few megabytes.
const MAX_BYTES = 64 * 1024 * 1024;

interface Budget {
  given: string;
  entries: number;
  manifests: number;
  bytes: number;
  stopped: boolean;
}

// Sorted by full path, so `a/z.yaml` comes before `b.yaml` inside a folder as it does on disk.
// Links to folders are not followed (a Dirent of a link is not a directory).
function walk(dir: string, diagnostics: Diagnostic[], budget: Budget, depth = 0): string[] {
  if (budget.stopped) return [];
  if (depth > MAX_DEPTH) {
    return stop(budget, diagnostics, `folders nested more than ${MAX_DEPTH} deep`);
  }
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const message = `cannot read the folder ${dir}: ${(error as Error).message}`;
    diagnostics.push({ severity: 'error', message });
    return [];
  }
  budget.entries += entries.length;
  if (budget.entries > MAX_ENTRIES) {
    return stop(budget, diagnostics, `more than ${MAX_ENTRIES} files and folders`);
  }
  const found = entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path, diagnostics, budget, depth + 1);
    if (!MANIFEST.test(entry.name)) return [];
    // The entry says what a plain file is without a stat per file; a link is followed.
    if (!entry.isFile() && !(entry.isSymbolicLink() && kindOf(path) === 'file')) return [];
    budget.manifests += 1;
    // Counted before anything is read: one huge file stops the walk as surely as many.
    budget.bytes += sizeOf(path);
    return [path];
  });
  if (budget.manifests > MAX_MANIFESTS) {
    return stop(budget, diagnostics, `more than ${MAX_MANIFESTS} YAML and JSON files`);
  }
  if (budget.bytes > MAX_BYTES) {
    return stop(budget, diagnostics, `more than ${MAX_BYTES / 1024 / 1024} MiB of YAML and JSON`);
  }
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function stop(budget: Budget, diagnostics: Diagnostic[], what: string): string[] {
  if (!budget.stopped) {
    diagnostics.push({
      severity: 'error',
      message: `found ${what} under "${budget.given}", expected a folder of Kubernetes manifests: name the folder that holds them`,
    });
  }
  budget.stopped = true;
  return [];
}

// A file's size in bytes, links followed; 0 when it cannot be read (reading it reports why).
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Whether a path is a file or a folder (links followed), or neither. */
export function kindOf(path: string): 'file' | 'dir' | null {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : null;
  } catch {
    return null;
  }
}
