import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../../shared/settings';
import { apiError, fakeConnection } from '../../testing/fake-connection';
import { SettingsDialog } from './SettingsDialog';

const FOUND = {
  inUse: { endpoint: 'unix:///var/run/docker.sock', source: 'the default socket' },
  choices: [
    {
      kind: 'context' as const,
      value: 'colima',
      label: 'colima',
      endpoint: 'unix:///home/dev/.colima/default/docker.sock',
      state: 'reachable' as const,
      detail: 'Docker 27.4.0',
      inUse: false,
    },
    {
      kind: 'context' as const,
      value: 'build-box',
      label: 'build-box',
      endpoint: 'tcp://10.1.2.3:2376',
      state: 'unreachable' as const,
      detail: 'no answer within 3 s',
      inUse: false,
    },
    {
      kind: 'socket' as const,
      value: 'unix:///var/run/docker.sock',
      label: 'the default socket',
      endpoint: 'unix:///var/run/docker.sock',
      state: 'reachable' as const,
      detail: 'Docker 20.10.24',
      inUse: true,
    },
  ],
};

describe('the engines offered in Settings', () => {
  it('lists each context and socket with its state, and saves the one picked', async () => {
    const fake = fakeConnection({
      'engine.choices': () => FOUND,
      'settings.set': ({ patch }) => ({ ...defaultSettings(), ...patch }),
    });
    const onClose = vi.fn();
    render(<SettingsDialog connection={fake.connection} onClose={onClose} />);
    const found = await screen.findByRole('group', { name: 'Engines found' });
    await within(found).findByRole('radio', { name: /Context colima/ });
    expect(found.textContent).toContain('In use: unix:///var/run/docker.sock (the default socket)');
    const items = within(found)
      .getAllByRole('listitem')
      .map((item) => item.textContent?.trim());
    expect(items).toEqual([
      'Context colima unix:///home/dev/.colima/default/docker.sockreachable, Docker 27.4.0',
      'Context build-box tcp://10.1.2.3:2376unreachable: no answer within 3 s',
      'the default socket unix:///var/run/docker.sock (in use)reachable, Docker 20.10.24',
    ]);
    fireEvent.click(within(found).getByRole('radio', { name: /Context colima/ }));
    expect(screen.getByRole('textbox', { name: 'Docker engine' })).toHaveProperty(
      'value',
      'colima',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(fake.callsOf('settings.set')[0]?.patch.engineEndpoint).toBe('colima');
  });

  it('says why the engines could not be listed, and still saves the rest', async () => {
    const fake = fakeConnection({
      'engine.choices': () => {
        throw apiError('EndpointConfigError', '/home/dev/.docker/config.json is not valid JSON');
      },
    });
    render(<SettingsDialog connection={fake.connection} onClose={vi.fn()} />);
    const found = await screen.findByRole('group', { name: 'Engines found' });
    await waitFor(() =>
      expect(found.textContent).toContain(
        'Could not look for engines: /home/dev/.docker/config.json is not valid JSON',
      ),
    );
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', false);
  });
});
