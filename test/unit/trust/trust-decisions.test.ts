import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/config/load-project';
import { actionConfirmation } from '../../../src/main/trust/action-trust';
import { isTrusted, recordTrust } from '../../../src/main/trust/trust-store';
import { untrustedSummary } from '../../../src/main/trust/untrusted-summary';
import { memorySettings } from '../../support/api';
import { lines, makeProject } from '../../support/project-dir';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('trust decisions in settings', () => {
  it('are kept per folder and hash; a stack keeps only its latest, actions one per command', () => {
    const settings = memorySettings();
    recordTrust(settings, '/p/shop', 'stack', A);
    expect(isTrusted(settings, '/p/shop', 'stack', A)).toBe(true);
    expect(isTrusted(settings, '/p/other', 'stack', A)).toBe(false);
    expect(isTrusted(settings, '/p/shop', 'action', A)).toBe(false);
    recordTrust(settings, '/p/shop', 'stack', B);
    expect(isTrusted(settings, '/p/shop', 'stack', A)).toBe(false);
    recordTrust(settings, '/p/shop', 'action', A);
    recordTrust(settings, '/p/shop', 'action', B);
    expect(settings.read().trusted?.map((d) => `${d.kind} ${d.hash[0]}`)).toEqual([
      'stack b',
      'action a',
      'action b',
    ]);
  });
});

describe('quick action confirmation', () => {
  const dir = makeProject('actions', {
    'compose.yaml': lines('services:', '  db:', '    image: busybox:1.37'),
    'parity.yaml': lines(
      'actions:',
      '  - { name: Seed, service: db, run: [seed, --all] }',
      '  - { name: Reset, service: db, run: "drop everything", confirm: true }',
    ),
  });
  const { project } = loadProject({ dir, env: {} });
  if (!project) throw new Error('the fixture does not load');

  it('shows the command on the first run, not after it was confirmed, again when it changes', () => {
    const settings = memorySettings();
    const first = actionConfirmation(project, 'Seed', settings, undefined);
    expect(first).toMatchObject({ action: 'Seed', service: 'db', command: ['seed', '--all'] });
    expect(actionConfirmation(project, 'Seed', settings, first?.hash)).toBeNull();
    expect(actionConfirmation(project, 'Seed', settings, undefined)).toBeNull();
    const changed = {
      ...project,
      parity: { actions: [{ name: 'Seed', service: 'db', run: ['seed', '--drop'] }] },
    };
    expect(actionConfirmation(changed, 'Seed', settings, undefined)?.command).toEqual([
      'seed',
      '--drop',
    ]);
  });

  it('asks every time for an action marked confirm, with sh -c for a string', () => {
    const settings = memorySettings();
    const first = actionConfirmation(project, 'Reset', settings, undefined);
    expect(first?.command).toEqual(['sh', '-c', 'drop everything']);
    expect(actionConfirmation(project, 'Reset', settings, first?.hash)).toBeNull();
    expect(actionConfirmation(project, 'Reset', settings, undefined)?.hash).toBe(first?.hash);
  });
});

describe('why a start at login or from the tray did not happen', () => {
  it('names the first asks and how to review them', () => {
    const ask = (value: string) => ({ service: 'api', key: 'cap_add', value, means: '' });
    expect(untrustedSummary({ asks: ['A', 'B', 'C', 'D', 'E'].map(ask) })).toBe(
      'not started: it asks for host-level power (api: cap_add A; api: cap_add B; api: cap_add C, and 2 more) that this folder is not trusted for; open Parity and press Start to review it',
    );
  });
});
