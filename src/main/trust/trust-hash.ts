import { createHash } from 'node:crypto';
import type { TrustAsk } from '../../shared/trust';

/**
 * The hash a trust decision is kept under: of what is asked (service, key, value), not of where
 * it is written, so a comment added above `privileged: true` does not ask again, while a new
 * capability, bind or file does. A read from outside the folder counts where it resolves, so a
 * committed link retargeted from `../infra` to `/etc` asks again.
 */
export function hashAsks(asks: readonly TrustAsk[]): string {
  const lines = asks
    .map(({ service, key, value, resolved }) =>
      JSON.stringify(
        resolved === undefined ? [service, key, value] : [service, key, value, resolved],
      ),
    )
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** The hash an action's confirmation is kept under: its service and exact command. */
export function hashCommand(service: string, command: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify([service, command]))
    .digest('hex');
}
