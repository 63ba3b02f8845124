import { useState } from 'react';

/**
 * Removes a service's stopped containers, after the user confirms in place; it says what goes
 * (the containers) and what stays (named volumes: their data).
 */
export function RemoveButton({
  service,
  containers,
  disabled,
  onRemove,
}: {
  service: string;
  /** How many stopped containers it would remove. */
  containers: number;
  disabled: boolean;
  onRemove: (service: string) => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking || disabled) {
    return (
      <button
        type="button"
        aria-label={`Remove ${service}`}
        title="Remove its stopped containers (named volumes are kept)"
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        Remove
      </button>
    );
  }
  const what = containers === 1 ? 'its container' : `its ${containers} containers`;
  return (
    <span className="remove-confirm" role="group" aria-label={`Confirm removing ${service}`}>
      <span>Remove {what}? Named volumes are kept.</span>
      <button
        type="button"
        className="danger"
        aria-label={`Remove ${what} of ${service}`}
        onClick={() => {
          setAsking(false);
          onRemove(service);
        }}
      >
        Remove
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
