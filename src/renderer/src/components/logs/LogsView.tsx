import { useId, useState, type CSSProperties } from 'react';
import type { Connection } from '../../api/connect-api';
import { LogList } from './LogList';
import type { Scheduler } from './log-feed';
import { containerLabel, formatLogLine, serviceHue } from './log-format';
import { browserSearchWorker, CHUNK_BUDGET_MS, type SearchWorkerFactory } from './log-search';
import { useLogSearch } from './use-log-search';
import { useLogStream } from './use-log-stream';
import './logs.css';

/** What the shell passes to the Logs tab. */
export interface LogsViewProps {
  connection: Connection;
  /** The project's id (its folder). */
  project: string;
  /** The project's services, in the order its files name them. */
  services: string[];
  /** A service the user picked elsewhere (the graph): show only its lines. */
  focusService?: string | null;
  /** Tests replace the animation frame that appends queued lines. */
  schedule?: Scheduler;
  /** Where /regex/ searches run; tests (jsdom has no Worker) pass one in the page. */
  searchWorker?: SearchWorkerFactory;
}

const count = new Intl.NumberFormat('en');

/**
 * The merged, colour-coded log of a project: filter by service and by text or /regex/,
 * follow or pause, timestamps, clear, copy and download. It holds the newest `logRingSize`
 * lines (a setting, 10,000 by default); older ones leave the view as new ones arrive.
 */
export function LogsView({
  connection,
  project,
  services,
  focusService = null,
  schedule,
  searchWorker = browserSearchWorker,
}: LogsViewProps) {
  const id = useId();
  // null: every service, including containers of services the files no longer name.
  const [selected, setSelected] = useState<string[] | null>(focusService ? [focusService] : null);
  // Another project, or a service picked elsewhere: start from what it asks for.
  const [shownFor, setShownFor] = useState({ project, focusService });
  if (shownFor.project !== project || shownFor.focusService !== focusService) {
    setShownFor({ project, focusService });
    setSelected(focusService ? [focusService] : null);
  }
  const [timestamps, setTimestamps] = useState(false);
  const [following, setFollowing] = useState(true);
  const [pausedAt, setPausedAt] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const { feed, snapshot, error } = useLogStream(connection, project, selected, schedule);
  const { text, setText, query, progress } = useLogSearch(feed, searchWorker);

  const name = project.split(/[\\/]/).filter(Boolean).at(-1) ?? project;
  const isChecked = (service: string): boolean => selected === null || selected.includes(service);
  const toggleService = (service: string, on: boolean): void => {
    const current = selected ?? services;
    const next = on ? [...current, service] : current.filter((s) => s !== service);
    const everything = services.every((s) => next.includes(s));
    setSelected(everything ? null : services.filter((s) => next.includes(s)));
  };
  const pause = (): void => {
    setFollowing(false);
    setPausedAt(snapshot.received);
  };
  const resume = (): void => setFollowing(true);
  const shownText = (): { text: string; lines: number } => {
    const lines = feed.shownLines();
    const text = lines.map((l) => `${formatLogLine(l.line, l.plain, timestamps)}\n`).join('');
    return { text, lines: lines.length };
  };
  const copy = async (): Promise<void> => {
    const { text, lines } = shownText();
    try {
      if (!navigator.clipboard) throw new Error('the clipboard is not available here');
      await navigator.clipboard.writeText(text);
      setNotice(`Copied ${count.format(lines)} ${lines === 1 ? 'line' : 'lines'}`);
    } catch (failure) {
      setNotice(`Could not copy: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  };
  const download = (): void => {
    const { text, lines } = shownText();
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setNotice(`Downloaded ${count.format(lines)} ${lines === 1 ? 'line' : 'lines'}`);
  };

  const labelWidth = Math.max(
    6,
    ...services.map((service) => containerLabel({ service, container: `${service}-1` }).length),
  );
  const filtering = query.source !== '' && query.error === null;
  const noneChosen = selected !== null && selected.length === 0;
  const newLines = snapshot.received - pausedAt;

  return (
    <section className="logs-view" aria-label={`Logs of ${name}`}>
      <div className="logs-toolbar">
        {services.length > 0 && (
          <fieldset className="logs-services">
            <legend>Services</legend>
            {services.map((service) => (
              <label key={service} className="logs-service">
                <input
                  type="checkbox"
                  checked={isChecked(service)}
                  onChange={(event) => toggleService(service, event.target.checked)}
                />
                <span
                  className="log-swatch"
                  aria-hidden="true"
                  style={{ '--service-hue': serviceHue(service) } as CSSProperties}
                />
                {service}
              </label>
            ))}
          </fieldset>
        )}
        <div className="logs-search">
          <label htmlFor={`${id}-search`}>Search</label>
          <input
            id={`${id}-search`}
            type="search"
            value={text}
            placeholder="text or /regex/"
            spellCheck={false}
            aria-invalid={query.error !== null}
            aria-describedby={`${id}-search-status ${id}-search-error`}
            onChange={(event) => setText(event.target.value)}
          />
          <span id={`${id}-search-status`} role="status" className="logs-search-status">
            {filtering &&
              `${count.format(snapshot.shown)} ${snapshot.shown === 1 ? 'match' : 'matches'}`}
            {filtering && progress !== null && progress.queued > 0 && ' (searching…)'}
          </span>
          {progress?.cutShort && (
            <span role="alert" className="logs-error">
              Search stopped: the pattern took over {CHUNK_BUDGET_MS / 1000} s on a few thousand
              lines; matches are from the first {count.format(progress.searched)} lines searched
            </span>
          )}
          {progress?.failed != null && (
            <span role="alert" className="logs-error">
              Regular expression search is not available here ({progress.failed}); plain text search
              still works
            </span>
          )}
          {query.error !== null && (
            <span id={`${id}-search-error`} role="alert" className="logs-error">
              Invalid regular expression: {query.error}
            </span>
          )}
        </div>
        <div className="logs-actions">
          <label>
            <input
              type="checkbox"
              checked={timestamps}
              onChange={(event) => setTimestamps(event.target.checked)}
            />
            Timestamps
          </label>
          <button
            type="button"
            aria-pressed={following}
            onClick={() => (following ? pause() : resume())}
          >
            Follow
          </button>
          <button type="button" onClick={() => feed.clear()}>
            Clear
          </button>
          <button type="button" onClick={() => void copy()}>
            Copy
          </button>
          <button type="button" onClick={download}>
            Download
          </button>
        </div>
      </div>
      {error !== null && (
        <p role="alert" className="logs-error">
          Cannot read the logs: {error}
        </p>
      )}
      {noneChosen ? (
        <p className="logs-empty">Choose a service to see its lines.</p>
      ) : (
        <div className="logs-body">
          <LogList
            label={`Log of ${name}`}
            feed={feed}
            snapshot={snapshot}
            query={query}
            timestamps={timestamps}
            following={following}
            onPause={pause}
            onResume={resume}
            labelWidth={labelWidth}
          />
          {snapshot.held === 0 && (
            <p className="logs-empty" aria-hidden="true">
              {snapshot.received === 0 ? 'Waiting for log lines…' : 'Cleared.'}
            </p>
          )}
          {!following && (
            <button type="button" className="logs-jump" onClick={resume}>
              Jump to latest{newLines > 0 ? ` (${count.format(newLines)} new)` : ''}
            </button>
          )}
        </div>
      )}
      <p className="logs-footer">
        <span>{following ? 'Following' : 'Paused'}</span>
        <span>
          {count.format(snapshot.held)} of the newest {count.format(snapshot.capacity)} lines held
          (the logRingSize setting); {count.format(snapshot.received)} received
        </span>
        {snapshot.dropped > 0 && (
          <span className="logs-dropped" title="Lines came faster than this window could read them">
            {count.format(snapshot.dropped)} {snapshot.dropped === 1 ? 'line' : 'lines'} dropped by
            the server (the window fell behind)
          </span>
        )}
        {notice !== null && <span role="status">{notice}</span>}
      </p>
    </section>
  );
}
