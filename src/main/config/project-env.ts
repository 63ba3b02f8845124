import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Diagnostic } from '../../shared/diagnostics';
import type { Field } from '../../shared/model';
import { boundQuotes } from '../../shared/terminal-text';
import { parseDotenv } from './dotenv';
import { isOutside } from './node-reader';
import { readRepositoryText } from './read-text';
import { parseRawEnv, type EnvFileFormat } from './raw-env';

/** The variables interpolation sees: the shell's first, then the project's .env files. */
export interface ProjectEnv {
  lookup: (name: string) => string | undefined;
  /** The .env files that were read. */
  files: string[];
  /**
   * The variables a lookup took from the shell's environment, not from the project's files, so
   * far: reports show them as `${NAME}`, never their value (a token exported in the shell).
   */
  fromShell: Map<string, string>;
}

/**
 * Builds the interpolation environment as Compose does: `--env-file` files in order (later
 * ones win), else `.env` in the project folder when present; the shell environment always
 * wins over them.
 */
export function loadProjectEnv(
  workingDir: string,
  envFiles: readonly string[],
  shell: Record<string, string | undefined>,
  diagnostics: Diagnostic[],
): ProjectEnv {
  const defaultFile = resolve(workingDir, '.env');
  const files =
    envFiles.length > 0
      ? envFiles.map((file) => resolve(file))
      : existsSync(defaultFile)
        ? [defaultFile]
        : [];
  const fromFiles = new Map<string, string>();
  const fromShell = new Map<string, string>();
  const lookup = (name: string): string | undefined => {
    const given = shell[name];
    if (given === undefined) return fromFiles.get(name);
    fromShell.set(name, given);
    return given;
  };
  for (const file of files) {
    const entries = readEnvFile(file, workingDir, lookup, diagnostics, true);
    for (const [key, entry] of Object.entries(entries ?? {})) fromFiles.set(key, entry.value);
  }
  return { lookup, files, fromShell };
}

/** Reads one env file (.env or a service's env_file) into positioned values; null when missing. */
export function readEnvFile(
  file: string,
  workingDir: string,
  lookup: (name: string) => string | undefined,
  diagnostics: Diagnostic[],
  required: boolean,
  format: EnvFileFormat = 'dotenv',
): Record<string, Field<string>> | null {
  const display = relative(workingDir, file) || file;
  let text: string;
  try {
    text = readRepositoryText(file);
  } catch (error) {
    if (required) {
      diagnostics.push({
        severity: 'error',
        message: `cannot read env file ${display}: ${(error as Error).message}`,
      });
    }
    return null;
  }
  const { entries, problems } =
    format === 'raw' ? parseRawEnv(text, lookup) : parseDotenv(text, lookup);
  for (const problem of problems) {
    diagnostics.push({
      severity: problem.severity,
      // A line of an env file is quoted at most in part, and not at all from outside the project.
      message: boundQuotes(problem.message, isOutside(display)),
      position: { file: display, line: problem.line, column: problem.column },
    });
  }
  return Object.fromEntries(
    entries.map((entry) => [
      entry.key,
      { value: entry.value, source: { file: display, line: entry.line, column: entry.column } },
    ]),
  );
}
