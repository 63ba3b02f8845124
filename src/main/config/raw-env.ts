// The `raw` env_file format (`env_file: [{ path: x.env, format: raw }]`). compose-go itself only
// knows the .env syntax; the `docker compose` CLI registers `raw` (cmd/compose/compose.go) with
// docker/cli's kvfile parser, the one `docker run --env-file` uses: no quotes, no escapes, no
// interpolation, no inline comments. Parity models what `docker compose` does, so it reads it too.
import type { DotenvResult } from './dotenv';

/** The env_file formats Compose reads: its .env syntax, or `raw` (docker run --env-file). */
export type EnvFileFormat = 'dotenv' | 'raw';

// docker/cli trims leading Unicode space from each line and refuses a name holding a space or tab.
const LEADING_SPACE = /^\p{White_Space}+/u;

/** Parses a `raw` env file: `NAME=value` taken literally, a bare `NAME` taken from `lookup`. */
export function parseRawEnv(
  text: string,
  lookup: (name: string) => string | undefined,
): DotenvResult {
  const entries = new Map<string, DotenvResult['entries'][number]>();
  const problems: DotenvResult['problems'] = [];
  // Go's bufio.ScanLines drops a \r before each \n; kvfile drops a leading byte order mark.
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split('\n');
  lines.forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const indent = LEADING_SPACE.exec(line)?.[0].length ?? 0;
    const content = line.slice(indent);
    if (content === '' || content.startsWith('#')) return;
    const at = { line: index + 1, column: indent + 1 };
    const eq = content.indexOf('=');
    const key = eq < 0 ? content : content.slice(0, eq);
    // docker/cli stops at the first bad line; reporting it and going on shows them all.
    if (key === '') {
      problems.push({
        severity: 'error',
        message: `found "${content}", expected NAME=value: no variable name`,
        ...at,
      });
      return;
    }
    if (/[ \t]/.test(key)) {
      problems.push({
        severity: 'error',
        message: `found the name "${key}", expected a name without spaces or tabs`,
        ...at,
      });
      return;
    }
    // A bare NAME is set from the environment, and changes nothing when it is set nowhere.
    const value = eq >= 0 ? content.slice(eq + 1) : lookup(key);
    if (value === undefined) return;
    // A later definition wins, and the list follows the order of the definitions that won.
    entries.delete(key);
    entries.set(key, { key, value, ...at });
  });
  return { entries: [...entries.values()], problems };
}
