import { cliEngine, cliEngineFailure } from '../cli-engine';
import { followProjectLogs } from '../../engine/logs/follow-logs';
import { parseSince } from '../../engine/logs/timestamps';
import { EXIT, UsageError, type Command, type CommandArgs } from '../command';
import { logPrinter, shouldColor } from '../log-colors';
import { loadProjectFromArgs, PROJECT_OPTIONS, PROJECT_USAGE } from '../project-args';

/** `parity logs`: the services' output, prefixed per container, optionally followed. */
export const logsCommand: Command = {
  name: 'logs',
  summary: "Show the services' output; -f follows it, and the containers that start later",
  usage: `parity logs ${PROJECT_USAGE.replace('[-f FILE]', '[--file FILE]')} [-f|--follow] [-n|--tail N|all] [--since TIME] [-t|--timestamps] [--no-color] [SERVICE...]`,
  options: {
    ...PROJECT_OPTIONS,
    // -f is --follow here, as in `docker compose logs`; the project file is spelled --file.
    file: { type: 'string', multiple: true },
    follow: { type: 'boolean', short: 'f' },
    tail: { type: 'string', short: 'n' },
    since: { type: 'string' },
    timestamps: { type: 'boolean', short: 't' },
    'no-color': { type: 'boolean' },
  },
  allowPositionals: true,
  async run(args, io) {
    const { values, positionals } = args;
    const tail = parseTail(values.tail);
    const since = typeof values.since === 'string' ? readSince(values.since) : undefined;
    const project = loadProjectFromArgs(args, io);
    if (!project) return EXIT.usage;
    const services = project.model.services;
    const unknown = positionals.filter((name) => !services[name]);
    if (unknown.length > 0) throw new UsageError(`no such service: ${unknown.join(', ')}`);
    const shown = positionals.length > 0 ? positionals : Object.keys(services);
    const print = logPrinter({
      project: project.name,
      services: Object.keys(services),
      // The CliIo says nothing of the terminal, so ask the real stdout.
      color: shouldColor(io.env, process.stdout.isTTY, values['no-color'] === true),
      timestamps: values.timestamps === true,
      width: Math.max(
        0,
        ...shown.map((name) => `${name}-${services[name]?.replicas?.value ?? 1}`.length),
      ),
    });
    const handle = await followProjectLogs(cliEngine(io), project.name, {
      services: positionals,
      follow: values.follow === true,
      ...(tail === undefined ? {} : { tail }),
      ...(since === undefined ? {} : { since }),
      // Unescaped: the printer escapes the containers' output itself, keeping its colours only.
      onBatch: (batch) => (io.terminal?.out ?? io.out)(print(batch.lines)),
      onError: (error) => io.err(`parity logs: ${cliEngineFailure(io, error) ?? error.message}\n`),
    });
    // Ctrl+C ends a follow as the normal way out: the lines still queued are printed first.
    const stop = (): void => void handle.stop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await handle.done;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return EXIT.ok;
  },
};

function parseTail(value: CommandArgs['values'][string]): number | 'all' | undefined {
  if (value === undefined || value === 'all') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  throw new UsageError(`--tail expects a number of lines or "all", got ${String(value)}`);
}

function readSince(value: string): string {
  try {
    return parseSince(value);
  } catch (error) {
    throw new UsageError(`--since: ${(error as Error).message}`);
  }
}
