import { z } from 'zod';

/** How an error crosses a process boundary: its name survives, its stack does not. */
export const ErrorPayloadSchema = z.object({
  name: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayloadSchema>;

/** The reply to one request: a result or an error, never both. */
export const EnvelopeSchema = z.union([
  z.object({ result: z.unknown() }).strict(),
  z.object({ error: ErrorPayloadSchema }).strict(),
]);
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** An error rethrown on the receiving side, keeping the name it had where it was thrown. */
export class RemoteError extends Error {
  readonly details: unknown;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = payload.name;
    this.details = payload.details;
  }
}

/** Turns anything thrown into the payload that crosses the boundary. */
export function encodeError(error: unknown, details?: unknown): Envelope {
  const payload: ErrorPayload =
    error instanceof Error
      ? { name: error.name, message: error.message }
      : { name: 'Error', message: String(error) };
  return { error: details === undefined ? payload : { ...payload, details } };
}

/** Unwraps a reply: returns the result or throws the error with its real name. */
export function decodeEnvelope(value: unknown): unknown {
  const parsed = EnvelopeSchema.safeParse(value);
  if (!parsed.success) {
    throw new RemoteError({ name: 'ProtocolError', message: 'Malformed reply from the core' });
  }
  if ('error' in parsed.data) throw new RemoteError(parsed.data.error);
  return parsed.data.result;
}
