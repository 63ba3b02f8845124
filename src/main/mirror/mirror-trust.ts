import { rmSync } from 'node:fs';
import { firstErrorText } from '../../shared/diagnostics';
import type { TrustRequest } from '../../shared/trust';
import { loadProject } from '../config/load-project';
import { trustStack, untrustedAsks } from '../trust/stack-trust';
import type { TrustSettings } from '../trust/trust-store';
import { readMirror, writeMirror } from './mirror-project';

/** What turning mirroring on needs first: nothing, the user's trust, or a readable override. */
export type MirrorGate =
  { ok: true } | { ok: false; needsTrust: TrustRequest } | { ok: false; invalid: string };

/**
 * Writes the override and checks, as Start does (src/main/trust), what the stack asks of the
 * host with it: production may run privileged, or add capabilities, where the laptop's own stack
 * does not. Untrusted (and `trust` not the hash of exactly that), the override is put back as
 * it was, so the project is left as it was, and the request is returned for the dialog; with
 * the hash, the trust is recorded.
 */
export function gateMirror(
  dir: string,
  override: { file: string; text: string },
  settings: TrustSettings,
  env: Record<string, string | undefined>,
  trust: string | undefined,
): MirrorGate {
  const before = readMirror(override.file);
  writeMirror(override.file, override.text);
  const restore = (): void => {
    if (before === null) rmSync(override.file, { force: true });
    else writeMirror(override.file, before);
  };
  const { project, diagnostics } = loadProject({ dir, env, profiles: ['*'], mirror: true });
  if (!project) {
    restore();
    return { ok: false, invalid: firstErrorText(diagnostics) };
  }
  const request = untrustedAsks(project, settings, env);
  if (request === null) return { ok: true };
  if (trust === request.hash) {
    trustStack(project, settings, request);
    return { ok: true };
  }
  restore();
  return { ok: false, needsTrust: request };
}
