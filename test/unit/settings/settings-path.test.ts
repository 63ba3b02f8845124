import { describe, expect, it } from 'vitest';
import { settingsFilePath } from '../../../src/main/settings/settings-path';

// Where Electron's app.getPath('userData') is for an app named Parity, plus electron-store's
// config.json.
describe('settingsFilePath', () => {
  it('is in ~/.config on Linux, or in XDG_CONFIG_HOME when set', () => {
    expect(settingsFilePath({}, 'linux', '/home/ada')).toBe('/home/ada/.config/Parity/config.json');
    expect(settingsFilePath({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/ada')).toBe(
      '/xdg/Parity/config.json',
    );
    // An empty variable counts as unset, as in Chromium.
    expect(settingsFilePath({ XDG_CONFIG_HOME: '' }, 'linux', '/home/ada')).toBe(
      '/home/ada/.config/Parity/config.json',
    );
  });

  it('is in Application Support on macOS', () => {
    expect(settingsFilePath({ XDG_CONFIG_HOME: '/xdg' }, 'darwin', '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/Parity/config.json',
    );
  });

  it('is in %APPDATA% on Windows', () => {
    expect(
      settingsFilePath({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada'),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\Parity\\config.json');
    expect(settingsFilePath({}, 'win32', 'C:\\Users\\ada')).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Parity\\config.json',
    );
  });

  it('is wherever PARITY_SETTINGS says', () => {
    expect(settingsFilePath({ PARITY_SETTINGS: '/tmp/s.json' }, 'linux', '/home/ada')).toBe(
      '/tmp/s.json',
    );
  });
});
