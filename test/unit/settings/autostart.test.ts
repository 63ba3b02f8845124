import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  autostartDesktopEntry,
  autostartFilePath,
  projectsToStartAtLogin,
  setAutostartEntry,
} from '../../../src/main/settings/autostart';
import { defaultSettings } from '../../../src/shared/settings';

describe('autostart', () => {
  it('lists the projects marked to start at login', () => {
    const settings = {
      ...defaultSettings(),
      projects: [
        { directory: '/p/shop', startAtLogin: true },
        { directory: '/p/blog', startAtLogin: false },
        { directory: '/p/wiki', startAtLogin: true },
      ],
    };
    expect(projectsToStartAtLogin(settings)).toEqual(['/p/shop', '/p/wiki']);
  });

  it('puts the entry in the XDG autostart folder', () => {
    expect(autostartFilePath({}, '/home/ada')).toBe('/home/ada/.config/autostart/parity.desktop');
    expect(autostartFilePath({ XDG_CONFIG_HOME: '/xdg' }, '/home/ada')).toBe(
      '/xdg/autostart/parity.desktop',
    );
  });

  it('writes a desktop entry whose Exec line survives spaces, quotes, $, % and backslashes', () => {
    const entry = autostartDesktopEntry([
      '/home/ada/Apps/Parity 0.1.AppImage',
      'plain',
      '100%',
      'say "hi" $HOME',
      'C:\\dir',
      '--parity-login',
    ]);
    expect(entry).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Parity',
        'Comment=Start Parity in the tray at login',
        'Exec="/home/ada/Apps/Parity 0.1.AppImage" plain 100%% "say \\\\"hi\\\\" \\\\$HOME" "C:\\\\\\\\dir" --parity-login',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('adds and removes the entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-autostart-'));
    try {
      const path = join(dir, 'autostart', 'parity.desktop');
      setAutostartEntry(path, true, ['/opt/Parity/parity', '--parity-login']);
      expect(readFileSync(path, 'utf8')).toContain('Exec=/opt/Parity/parity --parity-login\n');
      setAutostartEntry(path, false, []);
      expect(existsSync(path)).toBe(false);
      // Removing what is not there is fine.
      setAutostartEntry(path, false, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
