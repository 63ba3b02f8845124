import type { ApiClient } from '../../shared/api/contract';
import { EngineBanner } from './components/EngineBanner';
import { StackList } from './components/StackList';
import { useStackList } from './hooks/use-stack-list';

/** The Parity window: for now, every Compose stack on the engine. */
export function App({ api }: { api: ApiClient }) {
  const { list, error, refresh } = useStackList(api);
  return (
    <div className="app">
      <header className="app-header">
        <h1>Parity</h1>
        <button type="button" onClick={refresh}>
          Refresh
        </button>
      </header>
      <main>
        {error !== null && (
          <p role="alert" className="banner banner-error">
            {error}
          </p>
        )}
        {list === null && error === null && <p aria-busy="true">Asking the Docker engine…</p>}
        {list?.engine === 'unreachable' && (
          <EngineBanner endpoint={list.endpoint} reason={list.reason} />
        )}
        {list?.engine === 'reachable' && <StackList stacks={list.stacks} />}
      </main>
      {list !== null && <footer className="app-footer">Engine: {list.endpoint}</footer>}
    </div>
  );
}
