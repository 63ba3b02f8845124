import { homedir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { BuildSpec, VolumeMount } from '../../shared/model';
import type { ServiceContext } from './normalize-service';
import type { YNode } from './yaml-tree';

// The paths of a service: its build context and bind sources, resolved against the folder of
// the file that writes them.

/** `build:` as a string or a mapping; a local context resolves, a remote one stays as written. */
export function normalizeBuild(node: YNode, ctx: ServiceContext): BuildSpec | null {
  const { reader } = ctx;
  const map = node.kind === 'map' ? node : null;
  const context = map
    ? (reader.string(map.entries.get('context')?.value, 'build.context') ?? '.')
    : reader.string(node, 'build');
  if (context === null) return null;
  const args = map ? reader.keyValues(map.entries.get('args')?.value, 'build.args') : [];
  // A remote context (git URL) stays as written; a path resolves against the project.
  const remote = /^[a-z]+:\/\//i.test(context) || context.startsWith('git@');
  const absolute = remote ? context : resolve(ctx.workingDir, context);
  return {
    context: absolute,
    display: remote ? context : relativeDisplay(absolute, ctx.workingDir),
    dockerfile: map
      ? reader.string(map.entries.get('dockerfile')?.value, 'build.dockerfile')
      : null,
    target: map ? reader.string(map.entries.get('target')?.value, 'build.target') : null,
    args: Object.fromEntries(args.map(({ key, value }) => [key, value ?? ctx.lookup(key) ?? null])),
  };
}

// `./api` or `../shared`: the same on every machine, unlike the absolute path.
function relativeDisplay(path: string, from: string): string {
  const rel = relative(from, path).split(sep).join('/');
  return rel === '' ? '.' : rel.startsWith('../') || rel === '..' ? rel : `./${rel}`;
}

/**
 * A bind mount's source, resolved against `workingDir`; one that starts with `~` is in the home
 * folder (`~/data`, and `~data` too: compose-go joins whatever follows the `~` to the home
 * folder), which the engine, wanting an absolute path, would refuse as written.
 */
export function resolveBindSource(
  mount: VolumeMount,
  workingDir: string,
  home: string,
): VolumeMount {
  if (mount.type !== 'bind' || mount.source === null) return mount;
  const source = mount.source.startsWith('~')
    ? join(home, mount.source.slice(1))
    : resolve(workingDir, mount.source);
  return { ...mount, source };
}

/** The home folder a `~` path means: HOME as the project sees it, else the user's. */
export function homeFolder(ctx: ServiceContext): string {
  return ctx.lookup('HOME') ?? homedir();
}
