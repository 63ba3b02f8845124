import type { EngineChoice, EngineChoices } from '../../../../shared/engine-status';

/**
 * The Docker contexts and local sockets the core found, each with whether it answered, as
 * radio buttons: picking one puts its name or address in the engine field.
 */
export function EngineChoiceList({
  choices,
  error,
  selected,
  onPick,
}: {
  choices: EngineChoices | null;
  error: string | null;
  selected: string;
  onPick: (value: string) => void;
}) {
  return (
    <fieldset className="engine-choices">
      <legend>Engines found</legend>
      {choices?.inUse && (
        <p className="field-hint">
          In use: <code>{choices.inUse.endpoint}</code> ({choices.inUse.source})
        </p>
      )}
      {error !== null ? (
        <p className="field-error">Could not look for engines: {error}</p>
      ) : choices === null ? (
        <p aria-busy="true" className="field-hint">
          Looking for Docker contexts and sockets…
        </p>
      ) : choices.choices.length === 0 ? (
        <p className="field-hint">No Docker context or local engine socket found.</p>
      ) : (
        <ul>
          {choices.choices.map((choice) => (
            <li key={`${choice.kind}:${choice.value ?? choice.label}`}>
              <label className="checkbox">
                <input
                  type="radio"
                  name="engine-choice"
                  checked={choice.value !== null && choice.value === selected}
                  disabled={choice.value === null}
                  onChange={() => choice.value !== null && onPick(choice.value)}
                />{' '}
                {choice.kind === 'context' ? `Context ${choice.label}` : choice.label}
                {choice.endpoint !== null && (
                  <>
                    {' '}
                    <code>{choice.endpoint}</code>
                  </>
                )}
                {choice.inUse && ' (in use)'}
              </label>
              <span className={`engine-state engine-state-${choice.state}`}>
                {stateText(choice)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function stateText(choice: EngineChoice): string {
  switch (choice.state) {
    case 'reachable':
      return `reachable, ${choice.detail}`;
    case 'unreachable':
      return `unreachable: ${choice.detail}`;
    case 'invalid':
      return `cannot be read: ${choice.detail}`;
  }
}
