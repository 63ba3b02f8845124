import { parseArgs } from 'node:util';
import { escapeControls } from '../../shared/terminal-text';
import { cliEngineFailure } from './cli-engine';
import { EXIT, UsageError, type CliIo, type Command, type EngineFlags } from './command';
import { engineOptions, splitEngineValues, takeEngineFlags } from './engine-flags';
import { configCommand } from './commands/config';
import { downCommand } from './commands/down';
import { driftCommand } from './commands/drift';
import { lockCommand } from './commands/lock';
import { logsCommand } from './commands/logs';
import { mirrorCommand } from './commands/mirror';
import { psCommand } from './commands/ps';
import { rmCommand } from './commands/rm';
import { serveCommand } from './commands/serve';
import { restartCommand, startCommand, stopCommand } from './commands/service-control';
import { snapshotCommand } from './commands/snapshot';
import { upCommand } from './commands/up';

const COMMANDS: readonly Command[] = [
  configCommand,
  downCommand,
  driftCommand,
  lockCommand,
  logsCommand,
  mirrorCommand,
  psCommand,
  restartCommand,
  rmCommand,
  serveCommand,
  snapshotCommand,
  startCommand,
  stopCommand,
  upCommand,
];

/** Runs `parity` with the given arguments and returns its exit code; never throws. */
export async function runCli(argv: readonly string[], cliIo: CliIo): Promise<number> {
  let front: { flags: EngineFlags; rest: string[] };
  try {
    front = takeEngineFlags(argv);
  } catch (error) {
    cliIo.err(escapeControls(`parity: ${(error as Error).message}\n\n${helpText()}`));
    return EXIT.usage;
  }
  const [name, ...rest] = front.rest;
  // A fresh io per run: the engine the run opens is remembered against it (cli-engine.ts).
  // Everything printed may quote a repository's text: its control characters never reach the
  // terminal raw (a title set, a screen clear, an OSC 52 clipboard write); see terminal-text.ts.
  const io: CliIo = {
    ...cliIo,
    out: (text) => cliIo.out(escapeControls(text)),
    err: (text) => cliIo.err(escapeControls(text)),
    terminal: { out: cliIo.out, err: cliIo.err },
  };
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`parity: unknown command "${name}"\n\n${helpText()}`);
    return EXIT.usage;
  }
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: {
        ...engineOptions(command.options),
        ...command.options,
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    if (parsed.values.help === true) {
      io.out(`${command.summary}\n\nUsage: ${command.usage}\n${ENGINE_USAGE}`);
      return EXIT.ok;
    }
    const { flags, values } = splitEngineValues(
      parsed.values,
      front.flags,
      'host' in command.options,
    );
    io.engineFlags = flags;
    return await command.run({ values, positionals: parsed.positionals }, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`parity ${command.name}: ${(error as Error).message}\nUsage: ${command.usage}\n`);
      return EXIT.usage;
    }
    // An engine that does not answer is one sentence naming it, whichever command met it.
    const message =
      cliEngineFailure(io, error) ?? (error instanceof Error ? error.message : String(error));
    io.err(`parity ${command.name}: ${message}\n`);
    return EXIT.failed;
  }
}

// Every command takes the engine flags, before or after its name.
const ENGINE_USAGE =
  'Engine: --context NAME (a Docker context) or -H/--host URL (unix://, tcp://, ssh://, npipe://);\n' +
  'else DOCKER_HOST, DOCKER_CONTEXT, the context `docker context use` chose, or a local socket found.\n';

function isParseArgsError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

function helpText(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(width)}   ${command.summary}`);
  return `Usage: parity [--context NAME | -H URL] <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun parity <command> --help for its options.\n${ENGINE_USAGE}`;
}
