import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { EndpointConfigError } from './endpoint-error';

/** The largest Docker config file read (config.json may hold many registry logins). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** The largest context meta.json or PEM file read. */
export const MAX_META_BYTES = 256 * 1024;

/**
 * A file's text, or null when there is no such file. A Docker config on someone's machine may be
 * anything: something other than a regular file, or one past `limit` bytes, is refused with an
 * error that names it.
 */
export function readBounded(path: string, limit: number): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new EndpointConfigError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new EndpointConfigError(`${path} is not a regular file`);
    if (stat.size > limit) {
      throw new EndpointConfigError(`${path} is ${stat.size} bytes; Parity reads at most ${limit}`);
    }
    // Read one byte past the limit: a file that grew since fstat is still caught.
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > limit) {
        throw new EndpointConfigError(`${path} is past ${limit} bytes; Parity reads at most that`);
      }
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** A JSON file's value, or null when absent; malformed JSON is an error naming the file. */
export function readJsonBounded(path: string, limit: number): unknown {
  const text = readBounded(path, limit);
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new EndpointConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}
