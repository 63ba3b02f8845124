import { useEffect, useState } from 'react';
import type { AdoptChange } from '../../../../shared/api/adopt-contract';
import type { Finding } from '../../../../shared/drift';
import { Modal } from '../Modal';
import type { AdoptScope } from './adopt-context';
import { findingName } from './drift-model';
import './adopt.css';

type Preview =
  | { state: 'loading' }
  | { state: 'ready'; change: AdoptChange }
  | { state: 'refused'; reason: string };

/**
 * Shows the change Adopt would make (file, line, the lines before and after) and writes it on
 * Apply; a value that cannot be adopted shows why instead. A failure to apply (the file changed
 * since) is shown in the dialog, which stays open.
 */
export function AdoptDialog({
  scope,
  finding,
  onClose,
}: {
  scope: AdoptScope;
  finding: Finding;
  onClose: () => void;
}) {
  const { connection, project, onAdopted } = scope;
  const [preview, setPreview] = useState<Preview>({ state: 'loading' });
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const target = { project, service: finding.service, path: finding.path };
  const name = findingName(finding);

  useEffect(() => {
    let current = true;
    connection.api['drift.adoptPreview']({
      project,
      service: finding.service,
      path: finding.path,
    }).then(
      (change) => current && setPreview({ state: 'ready', change }),
      (error: unknown) => current && setPreview({ state: 'refused', reason: message(error) }),
    );
    return () => {
      current = false;
    };
  }, [connection, project, finding.service, finding.path]);

  const apply = async (change: AdoptChange): Promise<void> => {
    setSaving(true);
    setFailure(null);
    try {
      await connection.api['drift.adopt']({ ...target, hash: change.hash });
      await onAdopted();
      onClose();
    } catch (error) {
      setFailure(message(error));
      setSaving(false);
    }
  };

  return (
    <Modal title={`Adopt production value of ${name}`} onClose={onClose} className="drift-adopt">
      <div className="modal-body">
        {preview.state === 'loading' && <p aria-busy="true">Working out the change…</p>}
        {preview.state === 'refused' && (
          <p role="alert" className="drift-field-error">
            Cannot adopt: {preview.reason}
          </p>
        )}
        {preview.state === 'ready' && (
          <>
            <p>
              <code>{preview.change.file}</code>, line {preview.change.line}:
            </p>
            <pre className="drift-adopt-diff" aria-label="Change">
              {[
                ...preview.change.before.map((line) => `- ${line}`),
                ...preview.change.after.map((line) => `+ ${line}`),
              ].join('\n')}
            </pre>
            <p>Only these lines change; comments and layout stay as they are.</p>
          </>
        )}
        {failure !== null && (
          <p role="alert" className="drift-field-error">
            Could not adopt: {failure}
          </p>
        )}
      </div>
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        {preview.state === 'ready' && (
          <button
            type="button"
            className="primary"
            disabled={saving}
            data-autofocus
            onClick={() => void apply(preview.change)}
          >
            {saving ? 'Applying…' : 'Apply'}
          </button>
        )}
      </div>
    </Modal>
  );
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
