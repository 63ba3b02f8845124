import type { OperationRun } from '../../hooks/use-operations';

/** "1.2 s", "45 s", "2 min 5 s". */
export function formatElapsed(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** The running (or last) operation: each service's phase and time, then how it ended. */
export function ProgressPanel({ run, onDismiss }: { run: OperationRun; onDismiss: () => void }) {
  const state = run.result === null ? 'running' : run.result.ok ? 'ok' : 'failed';
  return (
    <section className={`progress progress-${state}`} aria-label="Progress">
      <header className="progress-header">
        <strong>{run.label}</strong>
        <span className="progress-state">
          {run.result === null ? (
            <span aria-busy="true">running…</span>
          ) : (
            `${run.result.ok ? 'done' : 'failed'} in ${formatElapsed(run.result.elapsedMs)}`
          )}
        </span>
        {run.result !== null && (
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss progress"
            onClick={onDismiss}
          >
            ×
          </button>
        )}
      </header>
      {run.steps.length > 0 && (
        <ul className="progress-steps">
          {run.steps.map((step) => (
            <li key={step.service} className={`phase-${step.phase}`}>
              <span className="progress-service">{step.service}</span>
              <span className="progress-phase">{step.phase}</span>
              <span className="progress-time">{formatElapsed(step.elapsedMs)}</span>
              {step.fraction !== undefined && (
                <progress
                  className="progress-bar"
                  aria-label={`${step.service} ${step.phase}`}
                  value={step.fraction}
                  max={1}
                >
                  {Math.floor(step.fraction * 100)}%
                </progress>
              )}
              {step.detail && <span className="progress-detail">{step.detail}</span>}
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="progress-result">
        {run.result === null ? '' : run.result.message}
      </p>
    </section>
  );
}
