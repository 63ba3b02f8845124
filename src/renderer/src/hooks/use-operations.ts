import { useCallback, useEffect, useRef, useState } from 'react';
import type { Operation } from '../../../shared/api/event-contract';
import type { ServicePhase } from '../../../shared/progress';
import type { Connection } from '../api/connect-api';
import { messageOf } from '../lib/errors';

/** Where one service is in the current operation. */
export interface StepView {
  service: string;
  phase: ServicePhase;
  detail?: string;
  /** How far a pull or build is, 0 to 1, when known. */
  fraction?: number;
  elapsedMs: number;
}

/** The operation the progress panel shows: what runs, each service's step, how it ended. */
export interface OperationRun {
  label: string;
  /** Started from this window (its promise ends it) or seen only through events. */
  local: boolean;
  steps: StepView[];
  startedAt: number;
  result: { ok: boolean; message: string; elapsedMs: number } | null;
}

/** The progress of one project's operations, and a way to run one. */
export interface OperationsState {
  run: OperationRun | null;
  busy: boolean;
  /**
   * Runs `work` as one operation named `label`; what it resolves to is the closing message.
   * Resolves to whether it succeeded; a failure is shown, not thrown.
   */
  perform: (label: string, work: () => Promise<string>) => Promise<boolean>;
  dismiss: () => void;
}

const OPERATION_LABELS: Record<Operation, string> = {
  up: 'Start',
  down: 'Down',
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  remove: 'Remove',
  action: 'Quick action',
};

function withStep(steps: StepView[], step: StepView): StepView[] {
  const at = steps.findIndex((s) => s.service === step.service);
  if (at < 0) return [...steps, step];
  return steps.map((s, i) => (i === at ? step : s));
}

/**
 * Follows `progress` events for one project. An operation this window starts (perform) collects
 * every step until its promise settles, even when it takes several requests (Stop is one
 * service.stop per service); one started elsewhere (the tray, another tab) is shown from its
 * first event to its `done`.
 */
export function useOperations({ events }: Connection, project: string): OperationsState {
  const [run, setRun] = useState<OperationRun | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(
    () =>
      events.on('progress', (event) => {
        if (event.project !== project) return;
        setRun((current) => {
          const now = Date.now();
          let next = current;
          if (next === null || next.result !== null) {
            if (!event.step) return current;
            next = {
              label: OPERATION_LABELS[event.operation],
              local: false,
              steps: [],
              startedAt: now,
              result: null,
            };
          }
          if (event.step) {
            const { service, phase, detail, fraction, elapsedMs } = event.step;
            next = {
              ...next,
              steps: withStep(next.steps, {
                service,
                phase,
                elapsedMs,
                ...(detail === undefined ? {} : { detail }),
                ...(fraction === undefined ? {} : { fraction }),
              }),
            };
          }
          if (event.done && !next.local) {
            const message = event.done.message ?? (event.done.ok ? 'done' : 'failed');
            next = {
              ...next,
              result: { ok: event.done.ok, message, elapsedMs: now - next.startedAt },
            };
          }
          return next;
        });
      }),
    [events, project],
  );

  const perform = useCallback(async (label: string, work: () => Promise<string>) => {
    const startedAt = Date.now();
    setRun({ label, local: true, steps: [], startedAt, result: null });
    let result: { ok: boolean; message: string };
    try {
      result = { ok: true, message: await work() };
    } catch (error) {
      result = { ok: false, message: messageOf(error) };
    }
    if (mounted.current) {
      setRun((current) =>
        current && current.local && current.startedAt === startedAt
          ? { ...current, result: { ...result, elapsedMs: Date.now() - startedAt } }
          : current,
      );
    }
    return result.ok;
  }, []);

  const dismiss = useCallback(() => setRun((current) => (current?.result ? null : current)), []);

  return { run, busy: run !== null && run.result === null, perform, dismiss };
}
