import type { Diagnostic, SourcePosition } from '../../shared/diagnostics';
import type { ServiceModel } from '../../shared/model';

// Past this many, the services are counted rather than named: one line stays one line.
const NAMED = 8;

/**
 * One warning per Compose key that Parity does not apply yet, naming the services that write it
 * ("logging: not applied on 24 services: ad, cart, ..."), at its first occurrence; never one
 * line per service, which buried the rest of the output on real projects.
 */
export function notAppliedWarnings(services: Iterable<ServiceModel>): Diagnostic[] {
  const byKey = new Map<string, { names: string[]; position: SourcePosition }>();
  for (const service of services) {
    for (const [key, position] of Object.entries(service.container?.notApplied ?? {})) {
      const entry = byKey.get(key);
      if (entry) entry.names.push(service.name);
      else byKey.set(key, { names: [service.name], position });
    }
  }
  return [...byKey]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, { names, position }]) => {
      const shown = names.slice(0, NAMED).join(', ');
      const rest = names.length > NAMED ? ` and ${names.length - NAMED} more` : '';
      const on = names.length === 1 ? 'service' : `${names.length} services`;
      return {
        severity: 'warning',
        message: `${key}: not applied by Parity yet on ${on}: ${shown}${rest} (docker compose applies it; the containers Parity creates go without it)`,
        position,
      };
    });
}
