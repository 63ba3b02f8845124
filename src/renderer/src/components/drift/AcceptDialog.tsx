import { useId, useState, type FormEvent } from 'react';
import type { Finding } from '../../../../shared/drift';
import { Modal } from '../Modal';
import { findingName, sideValue } from './drift-model';

/** What the user gives when accepting a difference. */
export interface Acceptance {
  reason: string;
  /** YYYY-MM-DD; after it, the difference counts as drift again. */
  expires?: string;
}

/**
 * Asks why a difference is acceptable (required) and until when (optional), then accepts it;
 * the rule is written to parity.yaml. A failure is shown in the dialog, which stays open.
 */
export function AcceptDialog({
  finding,
  onAccept,
  onCancel,
}: {
  finding: Finding;
  onAccept: (acceptance: Acceptance) => Promise<void>;
  onCancel: () => void;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const name = findingName(finding);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (reason.trim() === '') {
      setMissingReason(true);
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      await onAccept({ reason: reason.trim(), ...(expires ? { expires } : {}) });
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  };

  return (
    <Modal title={`Accept ${name}`} onClose={onCancel} className="drift-accept">
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="modal-body">
          <p className="drift-accept-values">
            Dev: <code>{sideValue(finding, finding.dev) ?? 'absent'}</code> · Production:{' '}
            <code>{sideValue(finding, finding.prod) ?? 'absent'}</code>
          </p>
          <p>
            The difference stays in the report, marked accepted with your reason, and stops counting
            as drift. The rule is written to parity.yaml, for the whole team.
          </p>
          <label htmlFor={`${id}-reason`}>Reason (required)</label>
          <textarea
            id={`${id}-reason`}
            data-autofocus
            required
            rows={3}
            value={reason}
            aria-invalid={missingReason}
            aria-describedby={missingReason ? `${id}-reason-error` : undefined}
            onChange={(event) => {
              setReason(event.target.value);
              if (event.target.value.trim() !== '') setMissingReason(false);
            }}
          />
          {missingReason && (
            <p id={`${id}-reason-error`} role="alert" className="drift-field-error">
              Say why this difference is acceptable.
            </p>
          )}
          <label htmlFor={`${id}-expires`}>Expires (optional)</label>
          <input
            id={`${id}-expires`}
            type="date"
            value={expires}
            onChange={(event) => setExpires(event.target.value)}
          />
          {failure !== null && (
            <p role="alert" className="drift-field-error">
              Could not accept: {failure}
            </p>
          )}
        </div>
        <div className="modal-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Accepting…' : 'Accept'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
