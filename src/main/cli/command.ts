import type { ParseArgsConfig } from 'node:util';

/** Where a command writes; tests pass their own. */
export interface CliIo {
  /** Writes to stdout; runCli escapes every control character in what goes through it. */
  out: (text: string) => void;
  /** Writes to stderr, escaped as out. */
  err: (text: string) => void;
  /**
   * The same two streams unescaped, set by runCli, for Parity's own terminal sequences (the live
   * progress board, the colours of log prefixes); whoever writes here escapes what it quotes.
   */
  terminal?: { out: (text: string) => void; err: (text: string) => void };
  /** Whether err goes to a terminal (live progress) rather than a log. */
  errIsTTY?: boolean;
  env: NodeJS.ProcessEnv;
  /** Whether stdin is a terminal someone can answer a question on. */
  stdinIsTTY?: boolean;
  /** Asks a question on the terminal and resolves to the line typed. */
  ask?: (question: string) => Promise<string>;
  /** `--context NAME` / `-H URL` given to `parity`: which engine to use. */
  engineFlags?: EngineFlags;
}

/** The docker CLI's engine flags, as `parity` takes them before or after the command. */
export interface EngineFlags {
  context?: string;
  host?: string;
}

/** Parsed arguments of one command. */
export interface CommandArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** Exit codes every command keeps: 0 ok, 1 something failed, 2 bad input. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** One `parity` command, declared in a file of its own under commands/. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  run(args: CommandArgs, io: CliIo): Promise<number>;
}

/** Bad input on the command line: reported with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
