import { useId, useState } from 'react';
import { Modal } from '../Modal';

/**
 * Confirms Down: says what is removed (containers, networks) and what is kept (named volumes),
 * with an unchecked box to delete the volumes too, which says the data will be lost.
 */
export function DownDialog({
  project,
  containers,
  volumes,
  onConfirm,
  onCancel,
}: {
  project: string;
  /** How many containers the project has now. */
  containers: number;
  /** The named volumes its files declare. */
  volumes: readonly string[];
  onConfirm: (deleteVolumes: boolean) => void;
  onCancel: () => void;
}) {
  const [deleteVolumes, setDeleteVolumes] = useState(false);
  const warningId = useId();
  const list = volumes.length > 0 ? volumes.join(', ') : null;
  return (
    <Modal title={`Down ${project}?`} onClose={onCancel}>
      <div className="modal-body">
        <p>
          <strong>Removed:</strong> the project&apos;s{' '}
          {containers === 1 ? '1 container' : `${containers} containers`} and its networks.
        </p>
        <p>
          <strong>Kept:</strong>{' '}
          {list
            ? `named volumes (${list}), with the data in them; the next Start uses them again.`
            : 'named volumes, with the data in them (this project declares none).'}{' '}
          Images are kept too.
        </p>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={deleteVolumes}
            aria-describedby={warningId}
            onChange={(event) => setDeleteVolumes(event.target.checked)}
          />
          Also delete volumes
        </label>
        <p id={warningId} className={deleteVolumes ? 'field-error' : 'field-hint'}>
          Deleting volumes loses the data stored in them{list ? ` (${list})` : ''}. It cannot be
          undone.
        </p>
      </div>
      <div className="modal-actions">
        <button type="button" onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => onConfirm(deleteVolumes)}>
          {deleteVolumes ? 'Down and delete volumes' : 'Down'}
        </button>
      </div>
    </Modal>
  );
}
