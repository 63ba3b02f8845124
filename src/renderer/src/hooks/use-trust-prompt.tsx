import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { ActionConfirmation, TrustRequest } from '../../../shared/trust';
import { ActionConfirmDialog, TrustDialog } from '../components/trust/TrustDialog';

type Pending =
  | { kind: 'stack'; request: TrustRequest; answer: (yes: boolean) => void }
  | { kind: 'action'; confirmation: ActionConfirmation; answer: (yes: boolean) => void };

/** Questions an operation asks the user on its way (trust, an action's command). */
export interface TrustPrompt {
  /** Shows what the stack asks; resolves true once the user trusts it. */
  askTrust: (request: TrustRequest) => Promise<boolean>;
  /** Shows the action's command; resolves true once the user runs it. */
  askAction: (confirmation: ActionConfirmation) => Promise<boolean>;
  /** The dialog of the question being asked, if any. */
  dialog: ReactNode;
}

/** One question at a time, answered through its dialog; the operation waits for the answer. */
export function useTrustPrompt(projectName: string): TrustPrompt {
  const [pending, setPending] = useState<Pending | null>(null);
  const current = useRef<Pending | null>(null);
  const show = useCallback((next: Pending | null) => {
    // A question still open is answered no before another takes its place.
    if (current.current && next) current.current.answer(false);
    current.current = next;
    setPending(next);
  }, []);
  const ask = useCallback(
    (make: (answer: (yes: boolean) => void) => Pending) =>
      new Promise<boolean>((resolve) => show(make(resolve))),
    [show],
  );
  const askTrust = useCallback(
    (request: TrustRequest) => ask((answer) => ({ kind: 'stack', request, answer })),
    [ask],
  );
  const askAction = useCallback(
    (confirmation: ActionConfirmation) =>
      ask((answer) => ({ kind: 'action', confirmation, answer })),
    [ask],
  );
  const reply = (yes: boolean): void => {
    const open = current.current;
    current.current = null;
    setPending(null);
    open?.answer(yes);
  };
  const dialog =
    pending?.kind === 'stack' ? (
      <TrustDialog
        project={projectName}
        request={pending.request}
        onTrust={() => reply(true)}
        onCancel={() => reply(false)}
      />
    ) : pending?.kind === 'action' ? (
      <ActionConfirmDialog
        confirmation={pending.confirmation}
        onRun={() => reply(true)}
        onCancel={() => reply(false)}
      />
    ) : null;
  return { askTrust, askAction, dialog };
}
