import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../../shared/settings';
import { apiError, fakeConnection } from '../../testing/fake-connection';
import { SettingsDialog } from './SettingsDialog';

describe('SettingsDialog', () => {
  it('shows the saved settings and saves what the user changed', async () => {
    const fake = fakeConnection({
      'settings.get': () => ({
        ...defaultSettings(),
        logRingSize: 5000,
        projects: [{ directory: '/home/dev/shop', startAtLogin: false }],
      }),
      'settings.set': ({ patch }) => ({ ...defaultSettings(), ...patch }),
      'projects.setStartAtLogin': () => ({}),
    });
    const onClose = vi.fn();
    render(<SettingsDialog connection={fake.connection} onClose={onClose} />);
    const ring = screen.getByRole('spinbutton', { name: 'Log lines kept per view' });
    await waitFor(() => expect(ring).toHaveProperty('value', '5000'));
    fireEvent.change(screen.getByRole('textbox', { name: 'Docker engine' }), {
      target: { value: ' tcp://build-box:2376 ' },
    });
    fireEvent.change(ring, { target: { value: '20000' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /Open Parity in the tray/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: '/home/dev/shop' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(fake.callsOf('settings.set')).toEqual([
      {
        patch: { engineEndpoint: 'tcp://build-box:2376', logRingSize: 20000, startAtLogin: true },
      },
    ]);
    expect(fake.callsOf('projects.setStartAtLogin')).toEqual([
      { project: '/home/dev/shop', startAtLogin: true },
    ]);
  });

  it('says what is wrong instead of saving a bad value, or why the core refused', async () => {
    const fake = fakeConnection({
      'settings.get': () => defaultSettings(),
      'settings.set': () => {
        throw apiError('InvalidSettingsError', 'Settings not changed: the file is locked');
      },
    });
    render(<SettingsDialog connection={fake.connection} onClose={vi.fn()} />);
    const ring = screen.getByRole('spinbutton', { name: 'Log lines kept per view' });
    await waitFor(() => expect(ring).toHaveProperty('value', '10000'));
    fireEvent.change(ring, { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/from 100 to 1,000,000/);
    expect(fake.callsOf('settings.set')).toEqual([]);
    fireEvent.change(ring, { target: { value: '500' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Settings not changed: the file is locked',
      ),
    );
  });
});
