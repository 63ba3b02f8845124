import { request } from 'node:http';

/** How much one answer of a stack's trace store may cost. */
export interface QueryLimits {
  /** The largest body read (8 MiB). */
  maxBytes: number;
  /** The whole request, connection to last byte (3 s). */
  timeoutMs: number;
}

/** Defaults: a few hundred traces fit well inside; a store that sends more is cut off. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxBytes: 8 * 1024 * 1024, timeoutMs: 3000 };

/** Why reading a stack's trace store failed, worded for the status line under the graph. */
export class QueryProblem extends Error {
  override readonly name = 'QueryProblem';
}

/**
 * GETs `path` from 127.0.0.1:`port` and parses the answer as JSON. Only loopback is ever
 * asked: the port is one the stack publishes on this machine. Every failure (refused, slow,
 * not 200, too big, not JSON) becomes a QueryProblem saying so, never anything else.
 */
export function getJson(
  port: number,
  path: string,
  limits: QueryLimits = DEFAULT_QUERY_LIMITS,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // A slow trickle counts too: the limit is on the whole request, not on idle time.
    const timer = setTimeout(
      () => fail(`no answer within ${limits.timeoutMs / 1000} s`),
      limits.timeoutMs,
    );
    const fail = (message: string): void => {
      clearTimeout(timer);
      req.destroy();
      reject(new QueryProblem(message));
    };
    const req = request(
      { host: '127.0.0.1', port, path, method: 'GET', headers: { Accept: 'application/json' } },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          return fail(`answered HTTP ${response.statusCode ?? '?'} to ${path.split('?')[0]}`);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) {
            return fail(`answered more than ${Math.round(limits.maxBytes / 1024 / 1024)} MiB`);
          }
          chunks.push(chunk);
        });
        response.on('error', (error) => fail(error.message));
        response.on('end', () => {
          clearTimeout(timer);
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            fail(`answered something that is not JSON (${(error as Error).message})`);
          }
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'ECONNREFUSED' ? 'connection refused' : error.message),
    );
    req.end();
  });
}
