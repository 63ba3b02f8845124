import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layering } from '../../../eslint.layering.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

// The layering rules alone, with the TypeScript parser: the same blocks eslint.config.js uses.
const linter = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } },
    ...layering,
  ],
});

async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await linter.lintText(code, { filePath: `${ROOT}${file}` });
  return (result?.messages ?? []).map((message) => message.message);
}

describe('layering lint', () => {
  it('keeps Node and Electron out of src/shared', async () => {
    expect(await violations('src/shared/bad.ts', "import { readFile } from 'node:fs';")).toEqual([
      expect.stringContaining('no Node built-ins'),
    ]);
    expect(await violations('src/shared/bad.ts', "import path from 'path';")).toHaveLength(1);
    expect(await violations('src/shared/bad.ts', "import { app } from 'electron';")).toEqual([
      expect.stringContaining('Only src/main/app and the preload import electron'),
    ]);
  });

  it('keeps the renderer away from the main process', async () => {
    const code = "import { createApi } from '../../main/api/create-api';";
    expect(await violations('src/renderer/src/bad.ts', code)).toEqual([
      expect.stringContaining('only through the API contract'),
    ]);
  });

  it('allows electron only in src/main/app and the preload', async () => {
    const code = "import { app } from 'electron';";
    expect(await violations('src/main/engine/bad.ts', code)).toHaveLength(1);
    expect(await violations('src/main/cli/bad.ts', code)).toHaveLength(1);
    expect(await violations('src/main/app/ok.ts', code)).toEqual([]);
  });

  it('bans raw ipcMain and ipcRenderer outside the typed wrappers', async () => {
    expect(await violations('src/main/app/bad.ts', "import { ipcMain } from 'electron';")).toEqual([
      expect.stringContaining('setupApiIpc'),
    ]);
    expect(
      await violations('src/main/app/ipc-main.ts', "import { ipcMain } from 'electron';"),
    ).toEqual([]);
    expect(
      await violations('src/preload/index.ts', "import { ipcRenderer } from 'electron';"),
    ).toEqual([]);
  });

  it('lets shared code import its own modules and zod', async () => {
    const code = "import { z } from 'zod';\nimport { API_METHODS } from './api/methods';";
    expect(await violations('src/shared/ok.ts', code)).toEqual([]);
  });

  it('is part of the project configuration that npm run lint uses', async () => {
    const project = new ESLint({ cwd: ROOT });
    const config = (await project.calculateConfigForFile(
      `${ROOT}src/shared/stacks.ts`,
    )) as Linter.Config;
    expect(JSON.stringify(config.rules?.['no-restricted-imports'])).toContain('no Node built-ins');
  });
});
