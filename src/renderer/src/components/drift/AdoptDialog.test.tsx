import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { driftResult, shopFindings } from './drift-fixture';
import { group, groupBy, PROJECT, row, setup } from './drift-view-harness';

const HASH = 'a'.repeat(64);
const CHANGE = {
  file: 'compose.yaml',
  line: 17,
  before: ['      PUBLIC_URL: http://127.0.0.1:18080'],
  after: ['      PUBLIC_URL: https://shop.example.com'],
  hash: HASH,
};

describe('DriftView: adopting the production value', () => {
  it('shows the change to the compose file, applies it with its hash, and the finding goes', async () => {
    let findings = shopFindings();
    const t = setup(driftResult(findings), {
      'drift.adoptPreview': () => CHANGE,
      'drift.adopt': ({ service, path }) => {
        findings = findings.filter((f) => !(f.service === service && f.path === path));
        t.change(driftResult(findings));
        return CHANGE;
      },
    });
    await screen.findByLabelText('Drift summary');
    groupBy('Service');
    fireEvent.click(
      screen.getByRole('button', { name: 'Adopt production value of web.env.PUBLIC_URL…' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Adopt production value of web.env.PUBLIC_URL',
    });
    const diff = await within(dialog).findByLabelText('Change');
    expect(diff.textContent).toBe(
      '-       PUBLIC_URL: http://127.0.0.1:18080\n+       PUBLIC_URL: https://shop.example.com',
    );
    expect(within(dialog).getByText('compose.yaml')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(t.script.calls.find((c) => c.method === 'drift.adopt')?.params).toEqual({
      project: PROJECT,
      service: 'web',
      path: 'env.PUBLIC_URL',
      hash: HASH,
    });
    await waitFor(() => expect(row(group('web'), 'env.PUBLIC_URL')).toBeUndefined());
  });

  it('offers Adopt for single values only, and never for a secret', async () => {
    setup(driftResult());
    await screen.findByLabelText('Drift summary');
    groupBy('Service');
    const adopt = (name: string) =>
      within(row(group(name.split('.')[0]!), name.slice(name.indexOf('.') + 1))!).queryByRole(
        'button',
        { name: `Adopt production value of ${name}…` },
      );
    expect(adopt('web.env.PUBLIC_URL')).not.toBeNull();
    expect(adopt('web.replicas')).toBeNull();
    expect(adopt('api.env.PAYMENT_API_KEY')).toBeNull();
  });

  it('says why a value cannot be adopted, and offers no Apply', async () => {
    setup(driftResult(), {
      'drift.adoptPreview': () => {
        throw Object.assign(new Error('web.env.PUBLIC_URL: names shop.example.com'), {
          name: 'AdoptRefusedError',
        });
      },
    });
    await screen.findByLabelText('Drift summary');
    fireEvent.click(
      screen.getByRole('button', { name: 'Adopt production value of web.env.PUBLIC_URL…' }),
    );
    const dialog = screen.getByRole('dialog');
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Cannot adopt: web.env.PUBLIC_URL: names shop.example.com',
    );
    expect(within(dialog).queryByRole('button', { name: 'Apply' })).toBeNull();
  });
});
