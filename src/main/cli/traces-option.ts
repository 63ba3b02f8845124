import type { CliIo, Command, CommandArgs } from './command';

/** `--traces URL`: the span receiver that parity.yaml's `traces: {inject: true}` points services at. */
export const TRACES_OPTION: Command['options'] = { traces: { type: 'string' } };

/** Its usage text. */
export const TRACES_USAGE = '[--traces URL]';

/**
 * The receiver a one-shot command knows of: --traces, else PARITY_TRACES_URL, else none (it
 * runs no receiver of its own, since one would stop listening as soon as the command ends).
 */
export function tracesReceiverFrom({ values }: CommandArgs, io: CliIo): string | null {
  const flag = values.traces;
  if (typeof flag === 'string' && flag !== '') return flag;
  const env = io.env.PARITY_TRACES_URL;
  return env === undefined || env === '' ? null : env;
}
