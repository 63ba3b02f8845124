import { apiContract, type ApiHandlers, type ApiSession } from '../../shared/api/contract';
import { encodeError, type Envelope } from '../../shared/api/envelope';
import { isApiMethod } from '../../shared/api/methods';

/** A request the contract does not allow; its message says what was expected. */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
}

/**
 * Validates one request received from another process and runs it. Every transport calls
 * this, so validation and error encoding happen in exactly one place.
 */
export async function dispatch(
  handlers: ApiHandlers,
  method: unknown,
  params: unknown,
  session: ApiSession,
): Promise<Envelope> {
  if (!isApiMethod(method)) {
    return encodeError(new InvalidRequestError(`Unknown request ${JSON.stringify(method)}`));
  }
  const parsed = apiContract[method].params.safeParse(params ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    return encodeError(
      new InvalidRequestError(`Invalid parameters for ${method}: ${issues[0]?.message ?? ''}`),
      issues,
    );
  }
  try {
    // The union of every method's parameters does not narrow per method; parsing did.
    const handler = handlers[method] as (params: unknown, session: ApiSession) => Promise<unknown>;
    return { result: await handler(parsed.data, session) };
  } catch (error) {
    return encodeError(error);
  }
}
