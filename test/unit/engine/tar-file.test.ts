import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tarOneFile } from '../../../src/main/engine/tar-file';

// Read back by the system's tar, as the engine's own extractor would read it.
function extract(archive: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'parity-tar-'));
  writeFileSync(join(dir, 'a.tar'), archive);
  execFileSync('tar', ['-xf', 'a.tar', '--no-same-owner'], { cwd: dir });
  return dir;
}

describe('tarOneFile', () => {
  it('holds one file with its content and mode, parent folders made on extraction', () => {
    const dir = extract(tarOneFile('run/secrets/api-token', Buffer.from('s3cret\n'), 0o400));
    const file = join(dir, 'run/secrets/api-token');
    expect(readFileSync(file, 'utf8')).toBe('s3cret\n');
    expect(statSync(file).mode & 0o777).toBe(0o400);
  });

  it('keeps a path past 100 bytes through the ustar prefix', () => {
    const path = `etc/${'deep/'.repeat(30)}app.conf`;
    const dir = extract(tarOneFile(path, Buffer.alloc(1500, 'x'), 0o444));
    expect(readFileSync(join(dir, path), 'utf8')).toBe('x'.repeat(1500));
  });

  it('refuses a path tar cannot hold', () => {
    expect(() => tarOneFile('x'.repeat(300), Buffer.alloc(0), 0o444)).toThrow(/too long/);
  });
});
