import { z } from 'zod';
import { EnvelopeSchema } from './envelope';

/** The WebSocket subprotocol of `parity serve`; the token travels as a second subprotocol. */
export const WS_PROTOCOL = 'parity.v1';

/** Prefix of the subprotocol that carries the session token (never in the URL or logs). */
export const WS_TOKEN_PREFIX = 'parity-token.';

/** The WebSocket path of `parity serve`. */
export const WS_PATH = '/api';

/** A request frame from the browser. */
export const WireRequestSchema = z
  .object({ id: z.number().int().nonnegative(), method: z.string(), params: z.unknown() })
  .strict();
export type WireRequest = z.infer<typeof WireRequestSchema>;

/** The reply frame to one request. */
export const WireReplySchema = z.object({ id: z.number().int(), reply: EnvelopeSchema }).strict();
export type WireReply = z.infer<typeof WireReplySchema>;
