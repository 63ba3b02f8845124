import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Diagnostic, SourcePosition } from '../../shared/diagnostics';
import type { DriftReport, ServiceMatch, Severity } from '../../shared/drift';
import { parseImageRef } from '../../shared/image-ref';
import type { LoadedProject } from '../config/load-project';
import { serviceImage } from '../engine/container-spec';
import type { DockerEngine, ImageIdentity } from '../engine/docker-engine';
import { applyRules } from './apply-rules';
import type { RawFinding } from './compare-service';
import { plainDocumentProblem, textLimitProblem } from '../config/yaml-limits';

/** The lock's file name, in the project folder. */
export const LOCK_FILE = 'parity.lock';

const SHA256 = /^sha256:[0-9a-f]{64}$/;

/** One service's pinned image (docs/parity-lock.md). */
export const LockEntrySchema = z.object({
  /** The image reference the files name; for a built service, the tag Parity builds it as. */
  image: z.string().min(1),
  /** Built from source on the machine that wrote the lock (no `image:` in the files). */
  built: z.boolean(),
  /** The registry's content digest (`sha256:…`); null when the image has none there. */
  digest: z.string().regex(SHA256, 'expected sha256: and 64 hex digits').nullable(),
  /** The local image id (`sha256:…` of the image config). */
  id: z.string().regex(SHA256, 'expected sha256: and 64 hex digits'),
});
export type LockEntry = z.infer<typeof LockEntrySchema>;

/** parity.lock: every service's image, as one machine resolved it. */
export const ParityLockSchema = z.object({
  version: z.literal(1),
  project: z.string(),
  services: z.record(z.string(), LockEntrySchema),
});
export type ParityLock = z.infer<typeof ParityLockSchema>;

/** What each service's image resolves to on this machine, by service; null when absent. */
export type LocalImages = Record<string, ImageIdentity | null>;

/** Looks up every service's image (every profile's) on the engine. */
export async function resolveLocalImages(
  engine: DockerEngine,
  project: LoadedProject,
): Promise<LocalImages> {
  const entries = await Promise.all(
    Object.values(project.model.services).map(
      async (service) =>
        [service.name, await engine.inspectImage(serviceImage(project, service))] as const,
    ),
  );
  return Object.fromEntries(entries);
}

/**
 * The registry digest of an image for the reference it is named by: the one of its repo
 * digests from the same registry and repository; null when it was never pulled from there.
 */
export function registryDigest(reference: string, identity: ImageIdentity): string | null {
  const wanted = parseImageRef(reference);
  for (const repoDigest of identity.repoDigests) {
    const ref = parseImageRef(repoDigest);
    if (ref.registry === wanted.registry && ref.repository === wanted.repository && ref.digest)
      return ref.digest;
  }
  return null;
}

/** The lock of a project from its local images, or the services whose image is not here. */
export function lockOf(
  project: LoadedProject,
  images: LocalImages,
): { lock: ParityLock; missing: string[] } {
  const services: Record<string, LockEntry> = {};
  const missing: string[] = [];
  for (const name of Object.keys(project.model.services).sort()) {
    const service = project.model.services[name];
    const identity = images[name];
    if (!service) continue;
    const image = serviceImage(project, service);
    if (!identity) {
      missing.push(`${name} (${image})`);
      continue;
    }
    services[name] = {
      image,
      built: !service.image && service.build !== null,
      digest: registryDigest(image, identity),
      id: identity.id,
    };
  }
  return { lock: { version: 1, project: project.name, services }, missing };
}

const HEADER = `# parity.lock: the image each service of this project runs, pinned by \`parity lock\`.
# Commit it: \`parity drift --against lock\` reports a machine whose images differ from it.
# Written by Parity, services sorted by name; the format is in docs/parity-lock.md.
#
#   image   the reference the files name (a built service: the tag Parity builds it as)
#   built   true when the files build it from source rather than name an image
#   digest  the registry's content digest, the same on every machine that pulls the image;
#           null when the image has none here (built locally, or tagged without a registry)
#   id      the local image id. Without a digest the image is pinned by its id alone, which
#           matches only where the very same image was pulled, loaded or built.
`;

/** The lock as the text of parity.lock: stable (sorted, fixed layout) so that diffs are small. */
export function renderLock(lock: ParityLock): string {
  const lines = [HEADER.trimEnd(), 'version: 1', `project: ${JSON.stringify(lock.project)}`];
  const names = Object.keys(lock.services).sort();
  lines.push(names.length === 0 ? 'services: {}' : 'services:');
  for (const name of names) {
    const entry = lock.services[name];
    if (!entry) continue;
    const why = entry.built
      ? 'built locally: pinned by image id'
      : 'no registry digest here: pinned by image id';
    lines.push(
      `  ${yamlKey(name)}:`,
      `    image: ${JSON.stringify(entry.image)}`,
      `    built: ${entry.built}`,
      entry.digest === null
        ? `    digest: null  # ${why}`
        : `    digest: ${JSON.stringify(entry.digest)}`,
      `    id: ${JSON.stringify(entry.id)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

// A plain key when YAML reads it back as the same string, else a quoted one.
function yamlKey(name: string): string {
  const plain =
    /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(name);
  return plain ? name : JSON.stringify(name);
}

/** A read parity.lock, with where each service's `id` is written. */
export interface ReadLock {
  lock: ParityLock | null;
  positions: Record<string, SourcePosition>;
  diagnostics: Diagnostic[];
}

/** Reads parity.lock's text; `display` names the file in positions and messages. */
export function parseLock(text: string, display: string): ReadLock {
  // parity.lock is committed: bounded before and after parsing, like every repository file.
  const tooLarge = textLimitProblem(text, display);
  if (tooLarge) return { lock: null, positions: {}, diagnostics: [tooLarge] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: display, line, column: col };
  };
  const unbounded = plainDocumentProblem(doc, at);
  if (unbounded) return { lock: null, positions: {}, diagnostics: [unbounded] };
  if (doc.errors.length > 0) {
    const [error] = doc.errors;
    return {
      lock: null,
      positions: {},
      diagnostics: [
        {
          severity: 'error',
          message: `found invalid YAML (${error?.message.split('\n')[0] ?? '?'}), expected parity.lock as \`parity lock\` writes it`,
          position: at(error?.pos[0] ?? 0),
        },
      ],
    };
  }
  const parsed = ParityLockSchema.safeParse(doc.toJSON());
  if (!parsed.success) {
    return {
      lock: null,
      positions: {},
      diagnostics: parsed.error.issues.map((issue) => {
        const node = doc.getIn(issue.path as (string | number)[], true) as
          { range?: [number, number, number] } | undefined;
        const key = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        const message = `${key}${issue.message}; \`parity lock\` writes the file anew`;
        return node?.range
          ? { severity: 'error' as const, message, position: at(node.range[0]) }
          : { severity: 'error' as const, message: `${display}: ${message}` };
      }),
    };
  }
  // One pass over the services map: a lookup per name (doc.getIn) scans the map each time,
  // which made a 20,000-service lock take 28 s.
  const positions: Record<string, SourcePosition> = {};
  const services = doc.get('services', true);
  if (isMap(services)) {
    for (const pair of services.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : null;
      const id = isMap(pair.value) ? pair.value.get('id', true) : undefined;
      if (name !== null && isScalar(id) && id.range) positions[name] = at(id.range[0]);
    }
  }
  return { lock: parsed.data, positions, diagnostics: [] };
}

/**
 * Team drift: each service's local image against parity.lock. The dev side is this machine,
 * the prod side the lock. A registry digest, when the lock has one, decides; else the image id.
 */
export function diffLock(
  project: LoadedProject,
  read: { lock: ParityLock; positions: Record<string, SourcePosition> },
  images: LocalImages,
  from: string,
): DriftReport {
  const raw: RawFinding[] = [];
  const matches: ServiceMatch[] = [];
  let equivalent = 0;
  const { lock, positions } = read;
  for (const service of Object.values(project.model.services)) {
    const name = service.name;
    const entry = lock.services[name];
    const image = serviceImage(project, service);
    const devAt = (service.image ?? service.build)?.source ?? service.source;
    const finding = (
      path: string,
      severity: Severity,
      rule: string,
      local: string | null,
      locked: string | null,
    ): void => {
      raw.push({
        service: name,
        path,
        kind: local === null ? 'only-prod' : locked === null ? 'only-dev' : 'changed',
        category: path === 'service' ? 'topology' : 'image',
        severity,
        rule,
        secret: false,
        dev: { value: local, source: local === null ? null : devAt },
        prod: { value: locked, source: locked === null ? null : (positions[name] ?? null) },
      });
    };
    matches.push({ dev: name, prod: entry ? name : null, by: entry ? 'name' : 'none' });
    if (!entry) {
      finding('service', 'warning', 'not in parity.lock: `parity lock` pins it', name, null);
      continue;
    }
    if (entry.image !== image) {
      finding(
        'image',
        'warning',
        'the files name another image than parity.lock: `parity lock` pins the new one',
        image,
        entry.image,
      );
      continue;
    }
    const identity = images[name] ?? null;
    const locked = entry.digest ?? entry.id;
    if (!identity) {
      finding(
        entry.digest ? 'image.digest' : 'image.id',
        'warning',
        'the image is not on this machine: `parity up` pulls or builds it',
        null,
        short(locked),
      );
      continue;
    }
    if (entry.digest !== null) {
      const digest = registryDigest(image, identity);
      if (digest === entry.digest) equivalent += 1;
      else
        finding(
          'image.digest',
          'error',
          'this machine runs other bits than parity.lock pins (registry digest)',
          digest === null ? `no digest (id ${short(identity.id)})` : short(digest),
          short(entry.digest),
        );
      continue;
    }
    if (identity.id === entry.id) {
      equivalent += 1;
      continue;
    }
    finding(
      'image.id',
      entry.built ? 'warning' : 'error',
      entry.built
        ? 'built here into another image than parity.lock pins (other sources, or a build that does not reproduce bit for bit)'
        : 'the tag names another image here than parity.lock pins (image id; no registry digest)',
      short(identity.id),
      short(entry.id),
    );
  }
  for (const name of Object.keys(lock.services).sort()) {
    if (project.model.services[name]) continue;
    matches.push({ dev: null, prod: name, by: 'none' });
    raw.push({
      service: name,
      path: 'service',
      kind: 'only-prod',
      category: 'topology',
      severity: 'info',
      rule: 'in parity.lock, no longer in the files: `parity lock` drops it',
      secret: false,
      dev: { value: null, source: null },
      prod: { value: name, source: positions[name] ?? null },
    });
  }
  return {
    comparison: { against: 'lock', sides: { dev: 'local', prod: 'lock' }, from: [from] },
    matches,
    findings: applyRules(raw, undefined),
    equivalent,
  };
}

// Ids and digests as Docker shows them: 12 hex digits.
function short(id: string): string {
  const hex = id.replace(/^sha256:/, '');
  return hex.length > 12 ? `sha256:${hex.slice(0, 12)}` : id;
}
