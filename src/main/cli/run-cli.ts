import { parseArgs } from 'node:util';
import { EXIT, UsageError, type CliIo, type Command } from './command';
import { configCommand } from './commands/config';
import { downCommand } from './commands/down';
import { driftCommand } from './commands/drift';
import { lockCommand } from './commands/lock';
import { logsCommand } from './commands/logs';
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
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
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
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    if (values.help === true) {
      io.out(`${command.summary}\n\nUsage: ${command.usage}\n`);
      return EXIT.ok;
    }
    return await command.run({ values, positionals }, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`parity ${command.name}: ${(error as Error).message}\nUsage: ${command.usage}\n`);
      return EXIT.usage;
    }
    io.err(`parity ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

function helpText(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(width)}   ${command.summary}`);
  return `Usage: parity <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun parity <command> --help for its options.\n`;
}
