import { useEffect, useId, useState, type FormEvent } from 'react';
import type { EngineChoices } from '../../../../shared/engine-status';
import { LOG_RING_LIMITS, type Settings, type SettingsPatch } from '../../../../shared/settings';
import type { Connection } from '../../api/connect-api';
import { messageOf } from '../../lib/errors';
import { Modal } from '../Modal';
import { EngineChoiceList } from './EngineChoiceList';

/**
 * The settings the app, the CLI and `parity serve` share: where the engine is, how many log
 * lines each view keeps, and whether Parity opens at login. Saved with settings.set; the core
 * refuses bad values and says why, shown in the dialog. (The theme is in the header.)
 */
export function SettingsDialog({
  connection,
  onClose,
}: {
  connection: Connection;
  onClose: () => void;
}) {
  const [saved, setSaved] = useState<Settings | null>(null);
  const [endpoint, setEndpoint] = useState('');
  const [ringSize, setRingSize] = useState('');
  const [atLogin, setAtLogin] = useState(false);
  const [startProjects, setStartProjects] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [choices, setChoices] = useState<EngineChoices | null>(null);
  const [choicesError, setChoicesError] = useState<string | null>(null);
  const ids = { endpoint: useId(), ring: useId(), login: useId(), hint: useId() };

  useEffect(() => {
    connection.api['settings.get']({}).then(
      (settings) => {
        setSaved(settings);
        setEndpoint(settings.engineEndpoint ?? '');
        setRingSize(String(settings.logRingSize));
        setAtLogin(settings.startAtLogin);
        setStartProjects(new Map(settings.projects.map((p) => [p.directory, p.startAtLogin])));
      },
      (failure: unknown) => setError(messageOf(failure)),
    );
    // Pinging every engine takes up to a few seconds: the rest of the dialog does not wait.
    connection.api['engine.choices']({}).then(setChoices, (failure: unknown) =>
      setChoicesError(messageOf(failure)),
    );
  }, [connection]);

  const save = (event: FormEvent): void => {
    event.preventDefault();
    const size = Number(ringSize);
    if (!Number.isInteger(size) || size < LOG_RING_LIMITS.min || size > LOG_RING_LIMITS.max) {
      setError(
        `Log lines kept must be a whole number from ${LOG_RING_LIMITS.min} to ${LOG_RING_LIMITS.max.toLocaleString('en')}`,
      );
      return;
    }
    const patch: SettingsPatch = {
      engineEndpoint: endpoint.trim() === '' ? null : endpoint.trim(),
      logRingSize: size,
      startAtLogin: atLogin,
    };
    const changed = (saved?.projects ?? []).filter(
      (p) => (startProjects.get(p.directory) ?? false) !== p.startAtLogin,
    );
    Promise.all([
      connection.api['settings.set']({ patch }),
      ...changed.map((p) =>
        connection.api['projects.setStartAtLogin']({
          project: p.directory,
          startAtLogin: !p.startAtLogin,
        }),
      ),
    ]).then(onClose, (failure: unknown) => setError(messageOf(failure)));
  };

  return (
    <Modal title="Settings" onClose={onClose}>
      <form className="settings-form" aria-label="Settings" onSubmit={save} noValidate>
        <label htmlFor={ids.endpoint}>Docker engine</label>
        <input
          id={ids.endpoint}
          type="text"
          value={endpoint}
          placeholder="unix:///var/run/docker.sock or a context's name"
          spellCheck={false}
          aria-describedby={ids.hint}
          onChange={(e) => setEndpoint(e.target.value)}
          data-autofocus
        />
        <p id={ids.hint} className="field-hint">
          An address (unix://, tcp://, ssh://, npipe://) or a Docker context&apos;s name. Empty: the
          context <code>docker context use</code> chose, else a local socket found. DOCKER_HOST and
          DOCKER_CONTEXT win when set. Takes effect when Parity starts.
        </p>
        <EngineChoiceList
          choices={choices}
          error={choicesError}
          selected={endpoint.trim()}
          onPick={setEndpoint}
        />
        <label htmlFor={ids.ring}>Log lines kept per view</label>
        <input
          id={ids.ring}
          type="number"
          inputMode="numeric"
          min={LOG_RING_LIMITS.min}
          max={LOG_RING_LIMITS.max}
          value={ringSize}
          onChange={(e) => setRingSize(e.target.value)}
        />
        <label htmlFor={ids.login} className="checkbox">
          <input
            id={ids.login}
            type="checkbox"
            checked={atLogin}
            onChange={(e) => setAtLogin(e.target.checked)}
          />{' '}
          Open Parity in the tray when I log in (desktop app)
        </label>
        {(saved?.projects.length ?? 0) > 0 && (
          <fieldset className="settings-projects">
            <legend>Bring up at login</legend>
            {saved?.projects.map((p) => (
              <label key={p.directory} className="checkbox">
                <input
                  type="checkbox"
                  checked={startProjects.get(p.directory) ?? false}
                  onChange={(e) =>
                    setStartProjects((m) => new Map(m).set(p.directory, e.target.checked))
                  }
                />{' '}
                {p.directory}
              </label>
            ))}
          </fieldset>
        )}
        {error !== null && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={saved === null}>
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
