import { apiContract, type ApiClient } from './contract';
import { decodeEnvelope } from './envelope';
import { API_METHODS, type ApiMethod } from './methods';

/** Sends one request over a transport and resolves to the raw reply envelope. */
export type Invoke = (method: ApiMethod, params: unknown) => Promise<unknown>;

/**
 * Builds the typed client over any transport. Replies are validated here, at the receiver,
 * so a renderer never works on data the contract does not describe.
 */
export function createApiClient(invoke: Invoke): ApiClient {
  const call = async (method: ApiMethod, params: unknown): Promise<unknown> => {
    const spec = apiContract[method];
    const result = decodeEnvelope(await invoke(method, spec.params.parse(params)));
    return spec.result.parse(result);
  };
  return Object.fromEntries(
    API_METHODS.map((method) => [method, (params: unknown) => call(method, params)]),
  ) as ApiClient;
}
