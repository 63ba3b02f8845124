import { execFileSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** A renderer found on PATH: its name, where it is, and what identifies its build. */
export interface Tool {
  name: string;
  path: string;
  /** Size and modification time of the binary: a new version changes it without running it. */
  identity: string;
}

/** How long a render may take, and how much it may print, before it is stopped. */
export const RENDER_LIMITS = { timeoutMs: 60_000, maxOutputBytes: 32 * 1024 * 1024 } as const;

/** The first executable `name` on `PATH`, as a shell would find it; null when there is none. */
export function findTool(name: string, env: NodeJS.ProcessEnv = process.env): Tool | null {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    // An empty or relative PATH entry would run whatever the repository holds: skipped.
    if (!dir || !isAbsolute(dir)) continue;
    for (const ext of exts) {
      const path = join(dir, name + ext);
      try {
        const stat = statSync(path);
        if (!stat.isFile()) continue;
        accessSync(path, constants.X_OK);
        return { name, path, identity: `${path}:${stat.size}:${stat.mtimeMs}` };
      } catch {
        continue;
      }
    }
  }
  return null;
}

/** What a render gave: its output, or the tool's message (bounded, printable). */
export type ToolResult = { ok: true; stdout: string } | { ok: false; message: string };

/**
 * Runs a renderer without a shell, in `cwd`, with a time and an output limit. Its environment
 * is the user's minus what would make it load code: Kustomize plugins stay off either way, as
 * no `--enable-alpha-plugins`/`--enable-exec` flag is ever passed.
 */
export function runTool(tool: Tool, args: readonly string[], cwd: string): ToolResult {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.KUSTOMIZE_PLUGIN_HOME;
  delete env.HELM_PLUGINS;
  try {
    const stdout = execFileSync(tool.path, [...args], {
      cwd,
      env,
      encoding: 'utf8',
      timeout: RENDER_LIMITS.timeoutMs,
      maxBuffer: RENDER_LIMITS.maxOutputBytes,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    return { ok: true, stdout };
  } catch (error) {
    return { ok: false, message: failure(tool, error) };
  }
}

function failure(tool: Tool, error: unknown): string {
  const e = error as NodeJS.ErrnoException & { stderr?: string; signal?: string | null };
  if (e.code === 'ETIMEDOUT' || e.signal === 'SIGTERM')
    return `${tool.name} did not finish within ${RENDER_LIMITS.timeoutMs / 1000} s and was stopped`;
  if (e.code === 'ENOBUFS')
    return `${tool.name} printed more than ${RENDER_LIMITS.maxOutputBytes / 1024 / 1024} MiB and was stopped`;
  const said = typeof e.stderr === 'string' && e.stderr.trim() ? e.stderr : e.message;
  return printable(said);
}

// Control characters (terminal escapes included), built from code points so no regex holds one.
const CONTROL = new RegExp(
  `[${String.fromCharCode(0)}-${String.fromCharCode(0x1f)}${String.fromCharCode(0x7f)}-${String.fromCharCode(0x9f)}]`,
  'g',
);

/** A tool's message as one bounded line: control characters escaped, at most 600 characters. */
export function printable(text: string): string {
  const oneLine = text
    .trim()
    .replace(/\r?\n/g, ' | ')
    .replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return oneLine.length > 600 ? `${oneLine.slice(0, 600)}…` : oneLine;
}
