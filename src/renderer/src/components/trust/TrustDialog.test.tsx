import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ApiParams } from '../../../../shared/api/contract';
import type { TrustRequest } from '../../../../shared/trust';
import { fakeConnection } from '../../testing/fake-connection';
import { shopDetail, summary } from '../../testing/fixtures';
import { ProjectView } from '../project/ProjectView';

vi.mock('../logs/LogsView', () => ({ LogsView: () => <p>logs</p> }));
vi.mock('../drift/DriftView', () => ({ DriftView: () => <p>drift</p> }));

const ID = '/home/dev/shop';
const HASH = 'c0'.repeat(32);
const REQUEST: TrustRequest = {
  hash: HASH,
  asks: [
    {
      service: 'api',
      key: 'privileged',
      value: 'true',
      means: 'every device and capability of the host',
      position: { file: 'compose.yaml', line: 12, column: 17 },
    },
    {
      service: 'api',
      key: 'volumes',
      value: '/var/run/docker.sock:/var/run/docker.sock',
      means: 'control of the container engine (root on the host)',
    },
    {
      service: null,
      key: 'production.kubernetes',
      value: '../infra/k8s',
      means: 'production read from outside the project folder',
      resolved: '/home/dev/infra/k8s',
    },
  ],
};

describe('starting a stack that asks for host-level power', () => {
  it('lists what it asks under its headings; Cancel starts nothing; Trust and start sends the hash shown', async () => {
    const fake = fakeConnection({
      'projects.get': () => shopDetail(),
      'stack.up': (params: ApiParams<'stack.up'>) =>
        params.trust === HASH ? { failed: [] } : { failed: [], needsTrust: REQUEST },
    });
    render(<ProjectView connection={fake.connection} summary={summary()} />);
    await screen.findByRole('button', { name: 'Service api, not created' });

    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    const dialog = await screen.findByRole('dialog', { name: 'Trust shop and start it?' });
    const listed = (name: string) =>
      within(within(dialog).getByRole('list', { name }))
        .getAllByRole('listitem')
        .map((li) => li.textContent);
    expect(
      within(dialog)
        .getAllByRole('heading', { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(['Host-level power', 'Reads files outside the project folder']);
    expect(listed('Host-level power')).toEqual([
      'api: privileged: true every device and capability of the host (compose.yaml:12)',
      'api: volumes: /var/run/docker.sock:/var/run/docker.sock control of the container engine (root on the host)',
    ]);
    // The path as written, and where it resolves.
    expect(listed('Reads files outside the project folder')).toEqual([
      'project: production.kubernetes: ../infra/k8s production read from outside the project folder at /home/dev/infra/k8s',
    ]);
    // The safe answer has the focus.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Cancel'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.callsOf('stack.up')).toEqual([{ project: ID }]);
    expect(await screen.findByText('Not trusted; nothing started')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Trust and start' }));
    await waitFor(() =>
      expect(fake.callsOf('stack.up')).toEqual([
        { project: ID },
        { project: ID },
        { project: ID, trust: HASH },
      ]),
    );
    expect(await screen.findByText('shop is up')).toBeTruthy();
  });
});

describe('a quick action the API wants confirmed', () => {
  it('shows the exact command before it runs, and runs it with its hash', async () => {
    const fake = fakeConnection({
      'projects.get': () => shopDetail(true),
      'actions.run': (params: ApiParams<'actions.run'>) =>
        params.confirm === HASH
          ? { exitCode: 0, output: 'seeded\n' }
          : {
              needsConfirmation: {
                action: 'Seed',
                service: 'api',
                command: ['sh', '-c', "psql -c 'drop table x'"],
                hash: HASH,
              },
            },
    });
    render(
      <ProjectView
        connection={fake.connection}
        summary={summary({ actions: [{ name: 'Seed', service: 'api', confirm: false }] })}
      />,
    );
    await screen.findByRole('button', { name: 'Service worker, running' });
    fireEvent.click(screen.getByRole('button', { name: 'Quick actions' }));
    fireEvent.click(screen.getByRole('button', { name: 'Seed in api' }));
    const dialog = await screen.findByRole('dialog', { name: 'Run Seed?' });
    expect(within(dialog).getByLabelText('Command').textContent).toBe(
      `sh -c 'psql -c '\\''drop table x'\\'''`,
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Run' }));
    expect(await screen.findByRole('dialog', { name: 'Output of Seed' })).toBeTruthy();
    expect(fake.callsOf('actions.run')).toEqual([
      { project: ID, action: 'Seed' },
      { project: ID, action: 'Seed', confirm: HASH },
    ]);
  });
});
