import type { TrustRequest } from '../../shared/trust';

/**
 * Why a start that needed trust did not happen, in one sentence for a notification or the tray:
 * the first asks and how to review them (only the window, or the CLI, can ask).
 */
export function untrustedSummary(request: Pick<TrustRequest, 'asks'>): string {
  const shown = request.asks
    .slice(0, 3)
    .map((ask) => `${ask.service ?? 'project'}: ${ask.key} ${ask.value}`);
  const more = request.asks.length > 3 ? `, and ${request.asks.length - 3} more` : '';
  return (
    `not started: it asks for host-level power (${shown.join('; ')}${more}) that this folder ` +
    'is not trusted for; open Parity and press Start to review it'
  );
}
