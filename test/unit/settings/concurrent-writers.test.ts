import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src/shared/settings';

const run = promisify(execFile);
const WRITERS = 6;
const CHANGES = 15;

// Real processes, as the app, the CLI and `parity serve` are: the writer is bundled into plain
// JavaScript first, since child processes cannot load TypeScript.
describe('several processes writing the settings at once', () => {
  let dir: string;
  let writer: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parity-writers-'));
    await build({
      configFile: false,
      logLevel: 'silent',
      ssr: { noExternal: true },
      build: {
        ssr: new URL('fixtures/settings-writer.ts', import.meta.url).pathname,
        outDir: join(dir, 'bin'),
        target: 'node20',
        minify: false,
        rollupOptions: { output: { entryFileNames: 'settings-writer.js' } },
      },
    });
    writer = join(dir, 'bin', 'settings-writer.js');
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves a valid file that holds every change', async () => {
    const path = join(dir, 'Parity', 'config.json');
    await Promise.all(
      Array.from({ length: WRITERS }, (_, id) =>
        run(process.execPath, [writer, path, String(id), String(CHANGES)]),
      ),
    );
    const settings = SettingsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    const directories = settings.projects.map((p) => p.directory);
    for (let id = 0; id < WRITERS; id++) {
      const own = directories.filter((d) => d.startsWith(`/writers/${id}/`));
      // Every change of every writer is there, in the writer's own order.
      expect(own).toEqual(Array.from({ length: CHANGES }, (_, i) => `/writers/${id}/${i}`));
    }
    expect(directories).toHaveLength(WRITERS * CHANGES);
    // No lock or temporary file is left behind.
    expect(readdirSync(join(dir, 'Parity'))).toEqual(['config.json']);
  }, 60_000);
});
