import type { ActionSummary } from '../../../../shared/projects';
import { SHORTCUTS } from '../../lib/shortcuts';
import { MirrorSwitch } from './MirrorSwitch';
import { QuickActions } from './QuickActions';
import { ToolButton } from './ToolButton';

/** What the toolbar can do now. */
export interface ToolbarState {
  /** An operation runs: every button waits. */
  busy: boolean;
  /** Some service runs (Stop applies). */
  anyRunning: boolean;
  /** Some container exists (Restart applies). */
  anyContainer: boolean;
  /** The project's files cannot be read: nothing can run. */
  invalid: boolean;
}

/** The selected project's toolbar: Start, Stop, Restart, Down and its quick actions. */
export function ProjectToolbar({
  state,
  actions,
  onStart,
  onStop,
  onRestart,
  onDown,
  onAction,
  mirror,
}: {
  state: ToolbarState;
  actions: readonly ActionSummary[];
  onStart: () => void;
  onStop: () => void;
  onRestart: () => void;
  onDown: () => void;
  onAction: (action: ActionSummary) => void;
  /** The Mirror production switch, where the project can mirror. */
  mirror?: { on: boolean; onChange: (on: boolean) => void };
}) {
  const { busy, anyRunning, anyContainer, invalid } = state;
  return (
    <div className="toolbar" role="group" aria-label="Project actions">
      <ToolButton
        className="primary"
        keys={SHORTCUTS.start}
        title="Start every service, dependencies first"
        disabled={busy || invalid}
        onClick={onStart}
      >
        Start
      </ToolButton>
      <ToolButton
        keys={SHORTCUTS.stop}
        title="Stop every service, keeping the containers"
        disabled={busy || invalid || !anyRunning}
        onClick={onStop}
      >
        Stop
      </ToolButton>
      <ToolButton
        keys={SHORTCUTS.restart}
        title="Restart every service"
        disabled={busy || invalid || !anyContainer}
        onClick={onRestart}
      >
        Restart
      </ToolButton>
      <ToolButton
        keys={SHORTCUTS.down}
        className="danger-outline"
        title="Remove the containers and networks (volumes are kept)"
        disabled={busy || invalid}
        onClick={onDown}
      >
        Down
      </ToolButton>
      <QuickActions actions={actions} disabled={busy || invalid} onRun={onAction} />
      {mirror && (
        // Off stays possible when the files fail only with it (compose.mirror.yaml deleted).
        <MirrorSwitch
          on={mirror.on}
          disabled={busy || (invalid && !mirror.on)}
          onChange={mirror.onChange}
        />
      )}
    </div>
  );
}
