import { z } from 'zod';

const PositionSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
});

/**
 * One thing a stack asks of the host beyond an ordinary container (`privileged: true`, a bind of
 * the Docker socket, a file read from outside the project folder), exactly as written.
 */
export const TrustAskSchema = z
  .object({
    /** The service that asks; null for the project as a whole (a file outside the folder). */
    service: z.string().nullable(),
    /** The Compose key (`privileged`, `cap_add`, `volumes`, `env_file`). */
    key: z.string(),
    /** The value asked for (`true`, `SYS_ADMIN`, `/var/run/docker.sock`, `host`). */
    value: z.string(),
    /** What it gives the containers, in a few words. */
    means: z.string(),
    position: PositionSchema.optional(),
    /**
     * For a file or folder read from outside the project folder: the absolute path it resolves
     * to, symbolic links followed (`deploy/k8s` may be a link to `/etc`).
     */
    resolved: z.string().optional(),
  })
  .strict();
export type TrustAsk = z.infer<typeof TrustAskSchema>;

/** The heading outside reads are listed under, apart from host-level power. */
export const OUTSIDE_READS = 'Reads files outside the project folder';
/** The heading everything else a stack asks is listed under. */
export const HOST_POWER = 'Host-level power';

/** One heading of a trust list and the asks under it. */
export interface TrustAskGroup {
  heading: typeof HOST_POWER | typeof OUTSIDE_READS;
  asks: TrustAsk[];
}

/**
 * The asks under their headings, host-level power first, then reads from outside the project
 * folder (the asks that say where they resolve); a heading with no ask is left out.
 */
export function groupAsks(asks: readonly TrustAsk[]): TrustAskGroup[] {
  const groups: TrustAskGroup[] = [
    { heading: HOST_POWER, asks: asks.filter((ask) => ask.resolved === undefined) },
    { heading: OUTSIDE_READS, asks: asks.filter((ask) => ask.resolved !== undefined) },
  ];
  return groups.filter((group) => group.asks.length > 0);
}

/**
 * What starting a stack asks of the host, and the hash of it: a start that passes this hash
 * back is trusted for exactly this list, and a change to the files asks again.
 */
export const TrustRequestSchema = z
  .object({
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    asks: z.array(TrustAskSchema).min(1),
  })
  .strict();
export type TrustRequest = z.infer<typeof TrustRequestSchema>;

/** A quick action not yet confirmed in this folder: its exact command, to show before it runs. */
export const ActionConfirmationSchema = z
  .object({
    action: z.string(),
    service: z.string(),
    command: z.array(z.string()),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type ActionConfirmation = z.infer<typeof ActionConfirmationSchema>;

/**
 * One decision the user made, kept in Settings: this folder may start a stack that asks what
 * hashes to `hash` (kind `stack`), or run the action whose command hashes to it (`action`).
 */
export const TrustDecisionSchema = z
  .object({
    directory: z.string().min(1),
    kind: z.enum(['stack', 'action']),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    /** When it was given (ISO time), for the user reading the file. */
    at: z.string(),
  })
  .strict();
export type TrustDecision = z.infer<typeof TrustDecisionSchema>;

/**
 * `service: key value [-> resolved]: means (file:line)`, one ask as a line of a list. What the repository wrote is
 * shown with control characters escaped: a trust prompt must not be redrawn or hidden by the
 * very files it asks about (a carriage return, an ANSI sequence, a bidirectional override).
 */
export function describeAsk(ask: TrustAsk): string {
  const who = ask.service === null ? 'project' : printable(ask.service);
  const where = ask.position ? ` (${printable(ask.position.file)}:${ask.position.line})` : '';
  const to = ask.resolved === undefined ? '' : ` -> ${printable(ask.resolved)}`;
  return `${who}: ${printable(ask.key)} ${printable(ask.value)}${to}: ${ask.means}${where}`;
}

// C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates: matching
// them is the point here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
