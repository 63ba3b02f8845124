import { useState } from 'react';
import { MAX_REPLICAS } from '../../../../shared/api/contract';

/**
 * A service's number of containers, editable: Scale brings it to the number typed (up with
 * --scale: containers are added or removed, the others left alone).
 */
export function ScaleControl({
  service,
  replicas,
  busy,
  onScale,
}: {
  service: string;
  /** How many containers the files (or the last scale) ask for. */
  replicas: number;
  busy: boolean;
  onScale: (service: string, replicas: number) => void;
}) {
  const [value, setValue] = useState(String(replicas));
  // A new count from the engine (another window scaled it) replaces what was typed.
  const [shown, setShown] = useState(replicas);
  if (shown !== replicas) {
    setShown(replicas);
    setValue(String(replicas));
  }
  const wanted = Number(value);
  const valid = /^\d+$/.test(value) && wanted <= MAX_REPLICAS;
  return (
    <form
      className="scale-control"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid && wanted !== replicas && !busy) onScale(service, wanted);
      }}
    >
      <input
        type="number"
        min={0}
        max={MAX_REPLICAS}
        step={1}
        aria-label={`Replicas of ${service}`}
        aria-invalid={!valid}
        value={value}
        onChange={(event) => setValue(event.target.value)}
      />
      <button
        type="submit"
        aria-label={`Scale ${service}`}
        disabled={busy || !valid || wanted === replicas}
      >
        Scale
      </button>
    </form>
  );
}
