import {
  chmodSync,
  closeSync,
  constants,
  fchmodSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { UnsafeWriteError, writeFileAtomicSync } from '../settings/atomic-write';
import { MIRROR_FILES_DIR } from './config-files';
import type { MirrorFile } from './mirror-types';

// Everything in the folder is generated from production's files: never committed.
const GITIGNORE = '# Written by `parity mirror`: files of production ConfigMaps.\n*\n';

/**
 * Writes the files of production's ConfigMaps under `<dir>/.parity/mirror/`, and removes the
 * ones a previous run wrote that the plan no longer has. Confined to that folder: a folder on
 * the way that is a symbolic link is refused, a file that is one is replaced, never written
 * through. Files are rewritten in place (same inode), so a running container that binds one
 * sees the new content, as a pod sees its ConfigMap change.
 */
export function writeMirrorFiles(dir: string, files: readonly MirrorFile[]): void {
  const root = join(dir, MIRROR_FILES_DIR);
  const existing = lstatSync(root, { throwIfNoEntry: false });
  if (!existing && files.length === 0) return;
  folder(dir, MIRROR_FILES_DIR);
  writeFileAtomicSync(join(root, '.gitignore'), GITIGNORE, {
    mode: 0o644,
    symlink: 'replace',
    createFolder: false,
  });
  const wanted = new Set(files.map((f) => f.path));
  const parents = new Set(files.flatMap((f) => ancestors(f.path)));
  prune(root, '', wanted, parents);
  for (const file of files) {
    const parts = file.path.split('/');
    folder(root, parts.slice(0, -1).join('/'));
    writeInPlace(join(root, file.path), file.content, file.mode);
  }
}

// Each folder of `path` under `base`, made when missing (0755: the containers read them), and
// refused when it is a link or not a folder.
function folder(base: string, path: string): void {
  let at = base;
  for (const part of path.split('/').filter((p) => p !== '')) {
    at = join(at, part);
    const stat = lstatSync(at, { throwIfNoEntry: false });
    if (!stat) mkdirSync(at, { mode: 0o755 });
    else if (stat.isSymbolicLink() || !stat.isDirectory())
      throw new UnsafeWriteError(
        `${at} is ${stat.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}; Parity writes production's files only into a folder of its own: remove it and try again`,
      );
  }
}

function ancestors(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

// Removes what no file of the plan is, or is under; links are removed, not followed.
function prune(root: string, at: string, wanted: Set<string>, parents: Set<string>): void {
  for (const entry of readdirSync(join(root, at), { withFileTypes: true })) {
    const path = at === '' ? entry.name : `${at}/${entry.name}`;
    if (path === '.gitignore') continue;
    if (entry.isDirectory() && parents.has(path)) prune(root, path, wanted, parents);
    else if (!(entry.isFile() && wanted.has(path)))
      rmSync(join(root, path), { recursive: true, force: true });
  }
}

function writeInPlace(path: string, content: Buffer, mode: number): void {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (stat && !stat.isFile()) unlinkSync(path);
  // A mode without the owner's write bit (0444, 0400) would refuse the next write.
  else if (stat) chmodSync(path, 0o600);
  const fd = openSync(path, flags, mode);
  try {
    fchmodSync(fd, mode);
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
}
