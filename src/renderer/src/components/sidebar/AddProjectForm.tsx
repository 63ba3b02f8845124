import { useId, useState, type DragEvent, type FormEvent } from 'react';
import { droppedPath } from '../../api/dropped-path';
import { messageOf } from '../../lib/errors';

/**
 * A text field for a project folder and an Add button: a browser has no folder dialog. In the
 * desktop app a folder can also be dropped on it. The core's answer when the folder is not a
 * project is shown beside the field.
 */
export function AddProjectForm({ onAdd }: { onAdd: (directory: string) => Promise<unknown> }) {
  const [directory, setDirectory] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = useId();
  const hintId = useId();
  const errorId = useId();

  const add = (folder: string): void => {
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

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    add(directory.trim());
  };

  const drop = (event: DragEvent): void => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (!file) return;
    const path = droppedPath(file);
    if (path) add(path);
    else setError('A browser does not say where a dropped folder is: type its path instead.');
  };

  return (
    <form
      className="add-project"
      aria-label="Add a project"
      onSubmit={submit}
      onDragOver={(event) => event.preventDefault()}
      onDrop={drop}
    >
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
