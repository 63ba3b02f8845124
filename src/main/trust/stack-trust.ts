import { homedir } from 'node:os';
import type { TrustRequest } from '../../shared/trust';
import type { LoadedProject } from '../config/load-project';
import { FileSettingsStore } from '../settings/file-settings-store';
import { settingsFilePath } from '../settings/settings-path';
import { hostPowerAsks } from './host-power';
import { hashAsks } from './trust-hash';
import { isTrusted, recordTrust, type TrustSettings } from './trust-store';

/**
 * What starting the project needs the user to trust: null when it asks for no host-level power
 * or the user already trusted this folder for exactly what it asks; else the list and its hash.
 */
export function untrustedAsks(
  project: LoadedProject,
  settings: TrustSettings,
  env: Record<string, string | undefined>,
): TrustRequest | null {
  const asks = hostPowerAsks(project, env.HOME || homedir());
  if (asks.length === 0) return null;
  const hash = hashAsks(asks);
  if (isTrusted(settings, project.configDir, 'stack', hash)) return null;
  return { hash, asks };
}

/** Records that the user trusted the project's folder for the request it was shown. */
export function trustStack(
  project: LoadedProject,
  settings: TrustSettings,
  request: Pick<TrustRequest, 'hash'>,
): void {
  recordTrust(settings, project.configDir, 'stack', request.hash);
}

/**
 * Whether the folder is trusted for everything it asks now, outside reads included, as kept
 * in the settings file the app, `parity serve` and the CLI share. Drift asks this before it
 * reads (or has Kustomize or Helm render) a production source outside the project folder.
 */
export function trustedNow(
  project: LoadedProject,
  env: Record<string, string | undefined> = process.env,
  settings: TrustSettings = new FileSettingsStore(settingsFilePath(env)),
): boolean {
  return untrustedAsks(project, settings, env) === null;
}
