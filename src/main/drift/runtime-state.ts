import type { Severity } from '../../shared/drift';
import { isCrashCode } from '../../shared/exit-status';
import type { Check } from './runtime-check';
import type { RuntimeContainer } from './runtime-observe';

// The engine's own measure: a container that ran 10 s after a restart is no longer backing off.
const RESTART_SETTLED_MS = 10_000;

/** Whether it runs, and healthily: crash loops, crashes, stops and failing health checks. */
export function checkState(c: RuntimeContainer, isJob: boolean, now: number, check: Check): void {
  const exit = `exited (${c.exitCode})`;
  const restarts = `${c.restartCount} restart${c.restartCount === 1 ? '' : 's'}`;
  if (c.status === 'restarting') {
    check(
      'state',
      'health',
      'error',
      `crash-looping: it keeps exiting (last exit code ${c.exitCode}) and its restart policy restarts it`,
      'running',
      `restarting (exit code ${c.exitCode}, ${restarts})`,
    );
    return;
  }
  const upFor = now - Date.parse(c.startedAt);
  if (c.status === 'running' && c.restartCount > 0 && upFor < RESTART_SETTLED_MS) {
    // Between two crashes a crash-looping container runs for a moment.
    check(
      'state',
      'health',
      'error',
      'crash-looping: it keeps exiting and its restart policy restarts it',
      'running',
      `running for ${Math.max(0, Math.round(upFor / 1000))}s after ${restarts}`,
    );
    return;
  }
  if (c.status === 'running') {
    check('state', 'health', 'error', '', 'running', 'running');
    if (c.restartCount > 0) {
      check(
        'restarts',
        'health',
        'info',
        'it exited before and its restart policy restarted it',
        '0',
        String(c.restartCount),
      );
    }
    if (c.health === 'unhealthy') {
      check('health', 'health', 'error', 'its health check fails', 'healthy', 'unhealthy');
    } else if (c.health === 'healthy') check('health', 'health', 'info', '', 'healthy', 'healthy');
    return;
  }
  if (c.status === 'exited' && c.exitCode === 0 && isJob) {
    // A service others wait on with service_completed_successfully is meant to finish.
    check('state', 'health', 'info', '', 'completed', 'completed');
    return;
  }
  const [severity, rule, running]: [Severity, string, string] =
    c.status === 'exited'
      ? c.oomKilled
        ? ['error', 'killed for running out of memory', `${exit}, out of memory`]
        : c.exitCode === 0
          ? ['info', 'its command finished (exit code 0); `parity up` starts it again', exit]
          : // Crashed or stopped by the rule the project summary, notifications and graph use.
            !isCrashCode(c.exitCode) && c.restartCount === 0
            ? [
                'warning',
                'stopped (docker stop or a kill): `parity up` or `parity start` starts it',
                exit,
              ]
            : c.restartCount > 0
              ? [
                  'error',
                  `crashed (exit code ${c.exitCode}) after ${restarts}; its restart policy gave up`,
                  `${exit}, ${restarts}`,
                ]
              : ['error', `crashed: it exited with code ${c.exitCode}`, exit]
      : c.status === 'created'
        ? ['warning', 'created but never started: `parity up` starts it', 'created']
        : c.status === 'paused'
          ? ['warning', 'paused: `docker unpause` resumes it', 'paused']
          : ['error', `the engine reports it ${c.status}`, c.status];
  check('state', 'health', severity, rule, 'running', running);
}
