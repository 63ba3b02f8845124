import { useId, useState, type FormEvent } from 'react';
import { messageOf } from '../../lib/errors';

/**
 * A text field for a project folder and an Add button: a browser has no folder dialog. The
 * core's answer when the folder is not a project is shown beside the field.
 */
export function AddProjectForm({ onAdd }: { onAdd: (directory: string) => Promise<unknown> }) {
  const [directory, setDirectory] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = useId();
  const hintId = useId();
  const errorId = useId();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const folder = directory.trim();
    if (!folder || busy) return;
    setBusy(true);
    onAdd(folder).then(
      () => {
        setBusy(false);
        setDirectory('');
        setError(null);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(messageOf(failure));
      },
    );
  };

  return (
    <form className="add-project" aria-label="Add a project" onSubmit={submit}>
      <label htmlFor={fieldId}>Project folder</label>
      <div className="add-project-row">
        <input
          id={fieldId}
          type="text"
          value={directory}
          placeholder="/home/you/src/shop"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : hintId}
          onChange={(event) => {
            setDirectory(event.target.value);
            setError(null);
          }}
        />
        <button type="submit" disabled={busy || directory.trim() === ''}>
          Add
        </button>
      </div>
      {error !== null ? (
        <p id={errorId} role="alert" className="field-error">
          {error}
        </p>
      ) : (
        <p id={hintId} className="field-hint">
          The absolute path of a folder that holds compose.yaml.
        </p>
      )}
    </form>
  );
}
