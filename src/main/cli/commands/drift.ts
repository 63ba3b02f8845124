import type { Command } from '../command';
import { MIRROR_OPTION, PROJECT_OPTIONS, PROJECT_USAGE } from '../project-args';
import { TRUST_OPTION } from '../trust-prompt';
import { runDrift } from './drift-run';

/**
 * `parity drift`: how the dev stack differs from production, from a production file, from
 * what runs, or from parity.lock; a CI gate with --fail-on.
 */
export const driftCommand: Command = {
  name: 'drift',
  summary:
    'Show how the dev stack differs from production, a file, the running containers or parity.lock (--fail-on error for CI)',
  usage: `parity drift ${PROJECT_USAGE} [--mirror] [--against production|runtime|lock|FILE] [--format table|json|markdown] [--json] [--all] [--fail-on error|warning|info] [--trust] [--baseline [--reason TEXT] [--expires YYYY-MM-DD]]`,
  options: {
    ...PROJECT_OPTIONS,
    ...MIRROR_OPTION,
    ...TRUST_OPTION,
    against: { type: 'string' },
    format: { type: 'string' },
    json: { type: 'boolean' },
    all: { type: 'boolean' },
    'fail-on': { type: 'string' },
    baseline: { type: 'boolean' },
    reason: { type: 'string' },
    expires: { type: 'string' },
  },
  run: runDrift,
};
