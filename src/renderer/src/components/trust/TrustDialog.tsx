import { useId } from 'react';
import {
  groupAsks,
  type ActionConfirmation,
  type TrustAsk,
  type TrustAskGroup,
  type TrustRequest,
} from '../../../../shared/trust';
import { ConfirmDialog } from '../Modal';

/**
 * Asks before starting a stack that wants host-level power: every ask with its service, key,
 * value, what it gives the containers and where it is written, host-level power apart from
 * files read outside the project folder (with where each resolves). Cancel has the focus.
 */
export function TrustDialog({
  project,
  request,
  onTrust,
  onCancel,
}: {
  project: string;
  request: TrustRequest;
  onTrust: () => void;
  onCancel: () => void;
}) {
  return (
    <ConfirmDialog
      title={`Trust ${project} and start it?`}
      confirmLabel="Trust and start"
      danger
      onConfirm={onTrust}
      onCancel={onCancel}
    >
      <p>
        Its files ask for more of this machine than an ordinary container gets. Start it only if you
        trust this folder&apos;s files:
      </p>
      {groupAsks(request.asks).map((group) => (
        <AskGroup key={group.heading} group={group} />
      ))}
      <p className="field-hint">
        You are asked again when what it asks changes (after a pull, say).
      </p>
    </ConfirmDialog>
  );
}

function AskGroup({ group }: { group: TrustAskGroup }) {
  const id = useId();
  return (
    <>
      <h3 id={id} className="trust-heading">
        {group.heading}
      </h3>
      <ul className="trust-asks" aria-labelledby={id}>
        {group.asks.map((ask, index) => (
          <li key={index}>
            <AskLine ask={ask} />
          </li>
        ))}
      </ul>
    </>
  );
}

function AskLine({ ask }: { ask: TrustAsk }) {
  return (
    <>
      <strong>{ask.service ?? 'project'}</strong>:{' '}
      <code className="mono">
        {ask.key}: {ask.value}
      </code>{' '}
      <span>{ask.means}</span>
      {ask.resolved !== undefined && (
        <span className="muted">
          {' '}
          at <code className="mono">{ask.resolved}</code>
        </span>
      )}
      {ask.position && (
        <span className="muted mono">
          {' '}
          ({ask.position.file}:{ask.position.line})
        </span>
      )}
    </>
  );
}

/** Shows a quick action's exact command before it runs; Cancel has the focus. */
export function ActionConfirmDialog({
  confirmation,
  onRun,
  onCancel,
}: {
  confirmation: ActionConfirmation;
  onRun: () => void;
  onCancel: () => void;
}) {
  return (
    <ConfirmDialog
      title={`Run ${confirmation.action}?`}
      confirmLabel="Run"
      onConfirm={onRun}
      onCancel={onCancel}
    >
      <p>
        A quick action from parity.yaml. It runs in a container of{' '}
        <strong>{confirmation.service}</strong>:
      </p>
      <pre className="action-output" aria-label="Command">
        {confirmation.command.map(quoteWord).join(' ')}
      </pre>
    </ConfirmDialog>
  );
}

// A word as a shell would need it written, so the command reads exactly as it runs.
function quoteWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
