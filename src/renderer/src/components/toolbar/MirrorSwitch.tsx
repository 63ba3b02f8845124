import './mirror-switch.css';

/**
 * The project's "Mirror production" switch: on runs the stack with compose.mirror.yaml
 * (production's values, regenerated when turned on), off brings the laptop's own stack back.
 */
export function MirrorSwitch({
  on,
  disabled,
  onChange,
}: {
  on: boolean;
  disabled: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <label
      className="mirror-switch"
      title={
        on
          ? "Running production's values: turn off to run the laptop's own stack"
          : "Run the stack with production's values (compose.mirror.yaml, regenerated now)"
      }
    >
      <input
        type="checkbox"
        role="switch"
        checked={on}
        aria-checked={on}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
      />
      Mirror production
    </label>
  );
}
