import { createHash } from 'node:crypto';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';

// Rendered manifests are kept by a hash of everything that could change them: every file under
// each input folder (a kustomization root and its local bases, or a chart), each input file
// (values), the arguments, and the tool's binary (path, size, mtime: a new version is a new
// binary, found without running it). Hashing whole folders over-approximates what the tool
// reads, which only costs a render too many, never a stale one. Two layers: a Map for the
// life of the process (the app and `parity serve` run drift many times), and files under the
// user's cache folder (0700, files 0600: rendered Secrets may hold values) for the next
// `parity drift`. A cache entry is only an output the tool printed for the same inputs, so a
// lost or corrupt entry is simply rendered again.

/** How much a cache key may read before the render is done uncached instead. */
export const HASH_LIMITS = { files: 5000, bytes: 64 * 1024 * 1024, depth: 24 } as const;

/** How many renders are kept: in memory, and on disk (the least recently written go first). */
export const CACHE_LIMITS = { memory: 32, disk: 200 } as const;

const memory = new Map<string, string>();

/** The inputs of one render. */
export interface RenderInputs {
  tool: string;
  args: readonly string[];
  dirs: readonly string[];
  files: readonly string[];
}

/** The cache key of a render: null when its inputs are past HASH_LIMITS (render uncached). */
export function renderKey(inputs: RenderInputs): string | null {
  const hash = createHash('sha256');
  hash.update(`parity-render-v1\0${inputs.tool}\0${inputs.args.join('\0')}\0`);
  const budget = { files: HASH_LIMITS.files, bytes: HASH_LIMITS.bytes };
  for (const dir of [...inputs.dirs].sort()) {
    hash.update(`dir\0${dir}\0`);
    if (!hashDir(hash, dir, dir, budget, 0)) return null;
  }
  for (const file of inputs.files) {
    hash.update(`file\0${file}\0`);
    if (!hashFile(hash, file, budget)) return null;
  }
  return hash.digest('hex');
}

function hashDir(
  hash: ReturnType<typeof createHash>,
  root: string,
  dir: string,
  budget: { files: number; bytes: number },
  depth: number,
): boolean {
  if (depth > HASH_LIMITS.depth) return false;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return true;
  }
  for (const name of names) {
    const path = join(dir, name);
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      continue;
    }
    // Symbolic links are hashed by what they point to, never walked as folders (no loops);
    // git's own folder is nothing Kustomize or Helm reads.
    if (stat.isDirectory()) {
      if (name === '.git') continue;
      if (!hashDir(hash, root, path, budget, depth + 1)) return false;
    } else {
      hash.update(`${relative(root, path)}\0`);
      if (!hashFile(hash, path, budget)) return false;
    }
  }
  return true;
}

function hashFile(
  hash: ReturnType<typeof createHash>,
  path: string,
  budget: { files: number; bytes: number },
): boolean {
  budget.files -= 1;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return budget.files >= 0;
    budget.bytes -= stat.size;
    if (budget.files < 0 || budget.bytes < 0) return false;
    hash.update(createHash('sha256').update(readFileSync(path)).digest('hex'));
  } catch {
    hash.update('unreadable');
  }
  return budget.files >= 0;
}

/** The folder rendered manifests are kept in: PARITY_CACHE_DIR, else the platform's cache folder. */
export function renderCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PARITY_CACHE_DIR) return env.PARITY_CACHE_DIR;
  const home = env.HOME || homedir();
  const base =
    env.XDG_CACHE_HOME ||
    (process.platform === 'darwin'
      ? join(home, 'Library', 'Caches')
      : process.platform === 'win32'
        ? (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'))
        : join(home, '.cache'));
  return join(base, 'parity', 'renders');
}

/** A cached render, from memory or disk; null when there is none. */
export function cachedRender(key: string): string | null {
  const held = memory.get(key);
  if (held !== undefined) return held;
  try {
    const text = readFileSync(join(renderCacheDir(), `${key}.yaml`), 'utf8');
    remember(key, text);
    return text;
  } catch {
    return null;
  }
}

/** Keeps a render; a cache folder that cannot be written only costs the next run a render. */
export function keepRender(key: string, text: string): void {
  remember(key, text);
  const dir = renderCacheDir();
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    const temp = join(dir, `${key}.${process.pid}.tmp`);
    writeFileSync(temp, text, { mode: 0o600 });
    renameSync(temp, join(dir, `${key}.yaml`));
    prune(dir);
  } catch {
    // Not cached on disk; the in-memory copy still serves this process.
  }
}

function remember(key: string, text: string): void {
  memory.set(key, text);
  for (const old of memory.keys()) {
    if (memory.size <= CACHE_LIMITS.memory) break;
    memory.delete(old);
  }
}

// Every checkout, copy or edit of a project is a new key: the oldest files go past the limit.
function prune(dir: string): void {
  const files = readdirSync(dir).filter((name) => name.endsWith('.yaml'));
  if (files.length <= CACHE_LIMITS.disk) return;
  const byAge = files
    .map((name) => ({ name, mtime: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => a.mtime - b.mtime);
  for (const { name } of byAge.slice(0, files.length - CACHE_LIMITS.disk))
    rmSync(join(dir, name), { force: true });
}

/** Forgets the in-memory renders (tests use it to reach the disk layer). */
export function forgetRenders(): void {
  memory.clear();
}
