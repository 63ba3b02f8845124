import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Real projects' compose files and manifests, shared by the workplace and kept out of the
// repository: beside it at ../shared/corpora, or wherever PARITY_CORPORA says.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The corpora folder: PARITY_CORPORA, else ../shared/corpora relative to the repository root. */
export const CORPORA = process.env.PARITY_CORPORA ?? join(ROOT, '../shared/corpora');

/** Whether the corpora are there; the tests that read them are skipped when not. */
export const CORPORA_PRESENT = existsSync(CORPORA);

/** Prints why the corpora tests of a file are skipped, when they are. */
export function warnWithoutCorpora(what: string): void {
  if (CORPORA_PRESENT) return;
  console.warn(
    `skipping ${what}: no corpora at ${CORPORA} (put them at ../shared/corpora beside the repository or set PARITY_CORPORA)`,
  );
}
