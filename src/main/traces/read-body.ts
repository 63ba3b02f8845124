import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';

/** A body past the limit: the sender gets 413. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** A body that cannot be read as sent (a bad gzip stream, an unknown encoding): 400 or 415. */
export class BodyEncodingError extends Error {
  override readonly name = 'BodyEncodingError';
  constructor(
    message: string,
    readonly status: 400 | 415,
  ) {
    super(message);
  }
}

/**
 * The request body, at most `limit` bytes (after gunzip too, so a small bomb cannot grow past
 * it). Content-Length past the limit is refused before a byte is read.
 */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    throw new BodyTooLargeError(`the body is ${declared} bytes, more than the ${limit} accepted`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit)
      throw new BodyTooLargeError(`the body is more than the ${limit} bytes accepted`);
    chunks.push(buffer);
  }
  const body = Buffer.concat(chunks);
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity') return body;
  if (encoding !== 'gzip') {
    throw new BodyEncodingError(`Content-Encoding ${encoding} is not accepted (gzip or none)`, 415);
  }
  return new Promise((resolve, reject) => {
    gunzip(body, { maxOutputLength: limit }, (error, out) => {
      if (!error) resolve(out);
      else if (
        (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ||
        error instanceof RangeError
      )
        reject(new BodyTooLargeError(`the body unzips to more than the ${limit} bytes accepted`));
      else reject(new BodyEncodingError(`the gzip body cannot be read: ${error.message}`, 400));
    });
  });
}
