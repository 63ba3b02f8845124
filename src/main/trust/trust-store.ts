import { resolve } from 'node:path';
import type { TrustDecision } from '../../shared/trust';
import type { SettingsStore } from '../settings/settings-store';

/** The settings a trust decision is read from and written to. */
export type TrustSettings = Pick<SettingsStore, 'read' | 'update'>;

// Decisions kept per folder and kind: enough for every stack and action a user runs, bounded
// so a file edited in a loop cannot grow the settings without end.
const KEPT = 500;

/** Whether the user trusted this folder for exactly what hashes to `hash`. */
export function isTrusted(
  settings: TrustSettings,
  directory: string,
  kind: TrustDecision['kind'],
  hash: string,
): boolean {
  const folder = resolve(directory);
  return (settings.read().trusted ?? []).some(
    (d) => d.directory === folder && d.kind === kind && d.hash === hash,
  );
}

/**
 * Records that the user trusted this folder for `hash`. A stack's earlier decision for the folder
 * is replaced (what it asked before is no longer what it asks); actions keep one per command.
 */
export function recordTrust(
  settings: TrustSettings,
  directory: string,
  kind: TrustDecision['kind'],
  hash: string,
): void {
  const folder = resolve(directory);
  const kept = (settings.read().trusted ?? []).filter(
    (d) => !(d.directory === folder && d.kind === kind && (kind === 'stack' || d.hash === hash)),
  );
  const decision: TrustDecision = { directory: folder, kind, hash, at: new Date().toISOString() };
  settings.update({ trusted: [...kept, decision].slice(-KEPT) });
}
