import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { driftResult, shopFindings } from './drift-fixture';
import { group, PROJECT, row, setup } from './drift-view-harness';

describe('DriftView: accepting a difference', () => {
  it('accepts a finding with a required reason and an expiry, and shows it accepted', async () => {
    let findings = shopFindings();
    const t = setup(driftResult(findings), {
      'drift.accept': ({ service, path, reason }) => {
        findings = findings.map((f) =>
          f.service === service && f.path === path ? { ...f, status: 'accepted', reason } : f,
        );
        t.change(driftResult(findings));
        return { file: `${PROJECT}/parity.yaml`, created: false };
      },
    });
    await screen.findByLabelText('Drift summary');
    fireEvent.click(screen.getByRole('button', { name: 'Accept web.env.PUBLIC_URL…' }));
    const dialog = screen.getByRole('dialog', { name: 'Accept web.env.PUBLIC_URL' });
    const reason = within(dialog).getByRole('textbox', { name: 'Reason (required)' });
    expect(document.activeElement).toBe(reason);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Accept' }));
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'Say why this difference is acceptable.',
    );
    expect(t.script.calls.some((c) => c.method === 'drift.accept')).toBe(false);

    fireEvent.change(reason, { target: { value: '  local URL on purpose ' } });
    fireEvent.change(within(dialog).getByLabelText('Expires (optional)'), {
      target: { value: '2031-01-31' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(t.script.calls.find((c) => c.method === 'drift.accept')?.params).toEqual({
      project: PROJECT,
      service: 'web',
      path: 'env.PUBLIC_URL',
      reason: 'local URL on purpose',
      expires: '2031-01-31',
    });
    const url = row(group('Differences'), 'web.env.PUBLIC_URL');
    expect(within(url!).getByText('accepted')).toBeTruthy();
    expect(within(url!).getByText('local URL on purpose')).toBeTruthy();
    expect(screen.getByLabelText('Drift summary').textContent).toBe(
      '0 services dev-only, 1 prod-only, 4 drifts to fix (1 error), 3 covered',
    );
    expect(screen.getByRole('status').textContent).toBe(
      'Accepted web.env.PUBLIC_URL: the rule is in parity.yaml.',
    );
  });

  it('keeps the dialog open with the reason when accepting fails', async () => {
    setup(driftResult(), {
      'drift.accept': () => {
        throw Object.assign(new Error('parity.yaml is not writable'), { name: 'AcceptError' });
      },
    });
    await screen.findByLabelText('Drift summary');
    fireEvent.click(screen.getByRole('button', { name: 'Accept api.env.CACHE_URL…' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'later' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Accept' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Could not accept: parity.yaml is not writable',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
