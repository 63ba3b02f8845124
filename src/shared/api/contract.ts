import { z } from 'zod';
import { StackListSchema } from '../stacks';
import type { ApiMethod } from './methods';

/**
 * The API contract: every request with the schema of its parameters and of its result.
 * Both transports (Electron IPC, the `parity serve` WebSocket) validate against it at the
 * receiver, and TypeScript types for callers and the implementation are derived from it.
 */
export const apiContract = {
  'stacks.list': {
    params: z.object({}).strict(),
    result: StackListSchema,
  },
} as const satisfies Record<ApiMethod, { params: z.ZodType; result: z.ZodType }>;

/** Parameters a caller passes for a request. */
export type ApiParams<M extends ApiMethod> = z.input<(typeof apiContract)[M]['params']>;

/** What a request resolves to. */
export type ApiResult<M extends ApiMethod> = z.output<(typeof apiContract)[M]['result']>;

/** The one implementation of the contract, in src/main/api. */
export type ApiHandlers = {
  [M in ApiMethod]: (params: z.output<(typeof apiContract)[M]['params']>) => Promise<ApiResult<M>>;
};

/** The typed client the renderer (and tests) call. */
export type ApiClient = {
  [M in ApiMethod]: (params: ApiParams<M>) => Promise<ApiResult<M>>;
};
