import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trayIconFile } from '../../../src/main/app/tray-icons';
import type { TrayIconState } from '../../../src/main/app/tray-summary';

const ASSETS = new URL('../../../assets/', import.meta.url).pathname;
const STATES: TrayIconState[] = ['idle', 'healthy', 'problem'];

// Width and height from a PNG's IHDR chunk.
function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('tray icons', () => {
  it('are template images on macOS and light or dark variants elsewhere', () => {
    expect(trayIconFile('problem', { platform: 'darwin', darkPanel: true })).toBe(
      'tray-problemTemplate.png',
    );
    expect(trayIconFile('healthy', { platform: 'win32', darkPanel: true })).toBe(
      'tray-healthy-dark.png',
    );
    expect(trayIconFile('idle', { platform: 'linux', darkPanel: false })).toBe(
      'tray-idle-light.png',
    );
  });

  it('exist for every state and appearance, at 16 px and 32 px (@2x)', () => {
    for (const state of STATES) {
      for (const appearance of [
        { platform: 'darwin' as const, darkPanel: false },
        { platform: 'linux' as const, darkPanel: false },
        { platform: 'linux' as const, darkPanel: true },
      ]) {
        const file = `${ASSETS}tray/${trayIconFile(state, appearance)}`;
        expect(pngSize(file)).toEqual([16, 16]);
        expect(pngSize(file.replace(/\.png$/, '@2x.png'))).toEqual([32, 32]);
      }
    }
  });

  it('include a 512 px app icon for electron-builder', () => {
    expect(existsSync(`${ASSETS}icon.svg`)).toBe(true);
    expect(pngSize(`${ASSETS}icon.png`)).toEqual([512, 512]);
  });
});
