import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = new URL('../../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  homepage?: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
  files: string[];
  npmRebuild?: boolean;
  toolsets?: { appimage?: string };
  appImage?: { executableArgs?: string[] };
  linux: { executableArgs?: string[] };
  mac: { identity?: string | null; hardenedRuntime?: boolean };
};

// The packages a file loads at run time: imports (type-only ones leave nothing in the bundle)
// and require calls (dockerode is loaded on first use, src/main/engine/dockerode-lazy.ts).
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/^import (?!type )[^;]*?from '([^'.][^']*)';/gms),
    ...text.matchAll(/(?:require\w*|import)\('([^'.][^']*)'\)/g),
  ];
  return specifiers.map((m) => {
    const [first = '', second = ''] = (m[1] ?? '').split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  });
}

function sourceFiles(directory: string): string[] {
  return readdirSync(join(ROOT, directory), { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path))
    .map((path) => join(ROOT, directory, path));
}

describe('the packaged app', () => {
  it('is signed ad hoc in local builds, without the hardened runtime it cannot run under', () => {
    expect(config.mac.identity).toBe('-');
    expect(config.mac.hardenedRuntime).toBe(false);
  });

  it('rebuilds no native module and ships no cpu-features', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.files).toContain('!**/node_modules/cpu-features/**');
  });

  it('keeps the AppImage sandbox where the kernel allows it (no --no-sandbox for everyone)', () => {
    expect(config.toolsets?.appimage).toMatch(/^1\./);
    expect(config.appImage?.executableArgs ?? []).not.toContain('--no-sandbox');
    expect(config.linux.executableArgs ?? []).not.toContain('--no-sandbox');
  });

  it('has the homepage the deb target requires', () => {
    expect(pkg.homepage).toMatch(/^https:\/\//);
  });

  it('ships as dependencies exactly what the main process and preload import', () => {
    const builtins = new Set(builtinModules);
    const imported = new Set(
      [...sourceFiles('src/main'), ...sourceFiles('src/preload'), ...sourceFiles('src/shared')]
        .flatMap(runtimeImports)
        .filter((name) => !name.startsWith('node:') && !builtins.has(name) && name !== 'electron'),
    );
    expect([...imported]).toEqual(expect.arrayContaining(['dockerode', 'electron-store', 'ws']));
    for (const name of imported) expect(Object.keys(pkg.dependencies)).toContain(name);
    // The renderer's packages are bundled into out/renderer: shipped once, not in the asar too.
    for (const name of ['react', 'react-dom', '@tanstack/react-virtual']) {
      expect(imported.has(name)).toBe(false);
      expect(pkg.dependencies).not.toHaveProperty(name);
      expect(pkg.devDependencies).toHaveProperty(name);
    }
  });
});
