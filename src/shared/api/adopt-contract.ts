import { z } from 'zod';
import { TrustRequestSchema } from '../trust';

// The schemas of Adopt production value and the Mirror production switch, kept beside the
// contract (contract.ts) so that file stays one screen per concern.

const project = z.string().min(1);

// The finding paths Adopt writes: one value each, or one list (capabilities, replaced whole).
// Resources and health checks span several keys: `parity mirror` brings those.
const ADOPTABLE = /^(?:env\..+|image(?:\..+)?|user|read_only|privileged|cap_add|cap_drop)$/;

/** Whether Adopt can write production's value of a finding at `path` (a drift path). */
export function isAdoptablePath(path: string): boolean {
  return ADOPTABLE.test(path);
}

/** Which finding to adopt production's value for: its service and drift path. */
export const AdoptFindingSchema = z
  .object({ project, service: z.string().min(1), path: z.string().min(1) })
  .strict();

/** The change Adopt makes to a compose file, shown before it is written. */
export const AdoptChangeSchema = z
  .object({
    /** The compose file, relative to the project folder. */
    file: z.string(),
    /** The first changed line, from 1. */
    line: z.number().int().positive(),
    before: z.array(z.string()),
    after: z.array(z.string()),
    /** The file's sha256 when shown: applying refuses a file changed since. */
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type AdoptChange = z.infer<typeof AdoptChangeSchema>;

/** Applying a change: the finding, and the hash of the file as the change was shown. */
export const AdoptApplySchema = AdoptFindingSchema.extend({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
}).strict();

/**
 * Turning a project's Mirror production switch on or off. On, with the mirrored stack asking
 * for host-level power its folder is not trusted for: nothing changes and the result's
 * `needsTrust` lists what it asks; again with `trust` set to its hash, it is trusted and on.
 */
export const SetMirrorSchema = z
  .object({
    project,
    mirror: z.boolean(),
    trust: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .strict();

/** What the switch did: the services that failed to start, and those taken down. */
export const SetMirrorResultSchema = z
  .object({
    /** Whether the project mirrors production now (false when trust is asked first). */
    mirror: z.boolean(),
    needsTrust: TrustRequestSchema.optional(),
    failed: z.array(z.object({ service: z.string(), reason: z.string() })),
    /** Services only the mirror ran, stopped and removed when it was turned off. */
    removed: z.array(z.string()),
  })
  .strict();
export type SetMirrorResult = z.infer<typeof SetMirrorResultSchema>;
