import type { ParseArgsConfig } from 'node:util';
import { UsageError, type CommandArgs, type EngineFlags } from './command';

/**
 * The docker CLI's engine flags at the front of the line, as in `docker --context colima ps`:
 * `--context NAME` (`-c`), `-H URL` (`--host`), with a space or `=`. Returns them and the rest
 * of the line, which starts with the command's name.
 */
export function takeEngineFlags(argv: readonly string[]): { flags: EngineFlags; rest: string[] } {
  const flags: EngineFlags = {};
  let index = 0;
  for (; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    const match = /^(--context|-c|--host|-H)(?:=(.*))?$/.exec(arg);
    if (!match) break;
    let value = match[2];
    if (value === undefined) {
      value = argv[++index];
      if (value === undefined || value.startsWith('-')) {
        throw new UsageError(`${match[1]} expects a value`);
      }
    }
    if (match[1] === '--context' || match[1] === '-c') flags.context = value;
    else flags.host = value;
  }
  return { flags, rest: argv.slice(index) };
}

/**
 * The same flags after the command's name, for every command: `--context`, `-H`, and `--host`
 * where the command has no `--host` of its own (`serve --host` is where it listens).
 */
export function engineOptions(
  own: NonNullable<ParseArgsConfig['options']>,
): NonNullable<ParseArgsConfig['options']> {
  return {
    context: { type: 'string' },
    'engine-host': { type: 'string', short: 'H' },
    ...('host' in own ? {} : { host: { type: 'string' } }),
  };
}

/**
 * The engine flags among a command's parsed values, merged over those given before its name,
 * and the values without them. Giving both a context and a host is refused, as docker does.
 */
export function splitEngineValues(
  values: CommandArgs['values'],
  before: EngineFlags,
  ownsHost: boolean,
): { flags: EngineFlags; values: CommandArgs['values'] } {
  const { context, 'engine-host': engineHost, ...rest } = values;
  const flags: EngineFlags = { ...before };
  if (typeof context === 'string') flags.context = context;
  if (typeof engineHost === 'string') flags.host = engineHost;
  if (!ownsHost && typeof rest.host === 'string') flags.host = rest.host;
  if (!ownsHost) delete rest.host;
  if (flags.context !== undefined && flags.host !== undefined) {
    throw new UsageError('give either --context or -H/--host, not both');
  }
  return { flags, values: rest };
}
