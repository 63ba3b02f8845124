import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CACHE_LIMITS,
  cachedRender,
  forgetRenders,
  keepRender,
  renderKey,
} from '../../../../src/main/drift/kubernetes/render-cache';

const work = mkdtempSync(join(tmpdir(), 'parity-render-cache-'));
const saved = process.env.PARITY_CACHE_DIR;
process.env.PARITY_CACHE_DIR = join(work, 'renders');
afterAll(() => {
  if (saved === undefined) delete process.env.PARITY_CACHE_DIR;
  else process.env.PARITY_CACHE_DIR = saved;
  rmSync(work, { recursive: true, force: true });
});

describe('the render cache', () => {
  it('keys a render by every file of its folders, not by .git', () => {
    const dir = join(work, 'chart');
    mkdirSync(join(dir, 'templates'), { recursive: true });
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'templates', 'a.yaml'), 'a: 1\n');
    const key = () => renderKey({ tool: 'helm:1', args: ['template'], dirs: [dir], files: [] });
    const first = key();
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    expect(key()).toBe(first);
    writeFileSync(join(dir, 'templates', 'a.yaml'), 'a: 2\n');
    expect(key()).not.toBe(first);
    expect(renderKey({ tool: 'helm:2', args: ['template'], dirs: [dir], files: [] })).not.toBe(
      key(),
    );
  });

  it(`keeps at most ${CACHE_LIMITS.disk} renders on disk, dropping the oldest`, () => {
    const folder = join(work, 'renders');
    for (let i = 0; i < CACHE_LIMITS.disk; i += 1) keepRender(`old-${i}`, `${i}\n`);
    // Written in the same millisecond, perhaps: the oldest is made plain.
    utimesSync(join(folder, 'old-0.yaml'), 1, 1);
    keepRender('new', 'new\n');
    const files = readdirSync(folder);
    expect(files).toHaveLength(CACHE_LIMITS.disk);
    expect(files).toContain('new.yaml');
    expect(files).not.toContain('old-0.yaml');
    forgetRenders();
    expect(cachedRender('new')).toBe('new\n');
    expect(cachedRender('old-0')).toBeNull();
  });
});
