import { useEffect, useRef, useState } from 'react';
import type { ActionSummary } from '../../../../shared/projects';
import { Modal } from '../Modal';

/**
 * The project's quick actions from parity.yaml, in a drop-down. Whether one is confirmed first
 * is the API's to say (a first run in this folder, or `confirm: true`), with its command shown
 * (ActionConfirmDialog), not the repository's alone.
 */
export function QuickActions({
  actions,
  disabled,
  onRun,
}: {
  actions: readonly ActionSummary[];
  disabled: boolean;
  onRun: (action: ActionSummary) => void;
}) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const close = (event: Event): void => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !box.current?.contains(event.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  if (actions.length === 0) return null;
  const choose = (action: ActionSummary): void => {
    setOpen(false);
    onRun(action);
  };

  return (
    <div className="quick-actions" ref={box}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="quick-actions-list"
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
      >
        Quick actions <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul id="quick-actions-list" className="quick-actions-list" aria-label="Quick actions">
          {actions.map((action) => (
            <li key={action.name}>
              <button
                type="button"
                title={action.description ?? `Runs in ${action.service}`}
                onClick={() => choose(action)}
              >
                {action.name}
                <span className="muted"> in {action.service}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What a quick action printed. */
export interface ActionOutput {
  action: string;
  exitCode: number;
  output: string;
}

/** A quick action's output and exit code, until closed. */
export function ActionOutputDialog({
  result,
  onClose,
}: {
  result: ActionOutput;
  onClose: () => void;
}) {
  return (
    <Modal title={`Output of ${result.action}`} onClose={onClose} className="modal-wide">
      <p className={result.exitCode === 0 ? 'tone-ok' : 'tone-bad'}>Exit code {result.exitCode}</p>
      <pre className="action-output" aria-label="Output">
        {result.output === '' ? '(no output)' : result.output}
      </pre>
      <div className="modal-actions">
        <button type="button" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </Modal>
  );
}
