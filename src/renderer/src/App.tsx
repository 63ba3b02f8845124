import { useEffect, useState } from 'react';
import type { Connection } from './api/connect-api';
import { NoProjects } from './components/EmptyState';
import { ConnectionBanner, EngineBanner } from './components/EngineBanner';
import { ProjectView } from './components/project/ProjectView';
import { SettingsDialog } from './components/settings/SettingsDialog';
import { ProjectSidebar } from './components/sidebar/ProjectSidebar';
import { useEngineStatus } from './hooks/use-engine-status';
import { useNavigation } from './hooks/use-navigation';
import { useProjects } from './hooks/use-projects';
import { useTheme, type Theme } from './hooks/use-theme';

/** The Parity window: projects on the left, the selected one on the right. */
export function App({ connection }: { connection: Connection }) {
  const engine = useEngineStatus(connection);
  const { projects, error, add, remove } = useProjects(connection, engine.recoveries);
  const { theme, setTheme } = useTheme(connection);
  const navigation = useNavigation(connection);
  const [settingsOpen, setSettingsOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.key === ',') {
        event.preventDefault();
        setSettingsOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const [picked, setPicked] = useState<{ id: string; after: number } | null>(null);
  // The newest of the user's pick and the app's request wins.
  const selectedId =
    navigation && (picked === null || navigation.count > picked.after)
      ? navigation.project
      : (picked?.id ?? null);
  const setSelectedId = (id: string): void => setPicked({ id, after: navigation?.count ?? -1 });
  const selected = projects?.find((p) => p.id === selectedId) ?? projects?.[0] ?? null;
  const requestedTab = navigation?.project === selected?.id ? navigation?.view : undefined;
  const status = engine.status;

  return (
    <div className="app">
      <header className="app-header">
        <h1>Parity</h1>
        <span className="engine-indicator" aria-label="Docker engine">
          {status === null
            ? 'Asking the engine…'
            : status.reachable
              ? `Docker ${status.version} at ${status.endpoint}${status.source ? ` (${status.source})` : ''}`
              : `Engine unreachable at ${status.endpoint}${status.source ? ` (${status.source})` : ''}`}
        </span>
        <button
          type="button"
          className="settings-button"
          aria-keyshortcuts="Control+Comma Meta+Comma"
          title="Settings (Ctrl/Cmd+,)"
          onClick={() => setSettingsOpen(true)}
        >
          Settings
        </button>
        <label className="theme-select">
          Theme{' '}
          <select value={theme} onChange={(event) => setTheme(event.target.value as Theme)}>
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </header>
      {settingsOpen && (
        <SettingsDialog connection={connection} onClose={() => setSettingsOpen(false)} />
      )}
      <div className="app-body">
        <ProjectSidebar
          projects={projects ?? []}
          selected={selected?.id ?? null}
          onSelect={setSelectedId}
          onAdd={async (directory) => setSelectedId((await add(directory)).id)}
          onRemove={remove}
        />
        <main className="app-main">
          {engine.connectionError !== null && (
            <ConnectionBanner message={engine.connectionError} onRetry={engine.retry} />
          )}
          {engine.connectionError === null && status?.reachable === false && (
            <EngineBanner
              endpoint={status.endpoint}
              reason={status.reason}
              onRetry={engine.retry}
            />
          )}
          {error !== null && (
            <p role="alert" className="banner banner-error">
              {error}
            </p>
          )}
          {projects === null ? (
            error === null && (
              <p aria-busy="true" className="muted">
                Loading projects…
              </p>
            )
          ) : selected === null ? (
            <NoProjects />
          ) : (
            <ProjectView
              key={`${selected.id}#${requestedTab ? (navigation?.count ?? 0) : ''}`}
              connection={connection}
              summary={selected}
              reloadKey={engine.recoveries}
              {...(requestedTab ? { initialTab: requestedTab } : {})}
            />
          )}
        </main>
      </div>
    </div>
  );
}
