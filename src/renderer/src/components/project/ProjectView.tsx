import { useState } from 'react';
import type { ActionSummary, ProjectSummary, ServiceView } from '../../../../shared/projects';
import type { Navigation } from '../../../../shared/api/event-contract';
import type { Connection } from '../../api/connect-api';
import { useOperations } from '../../hooks/use-operations';
import { useProjectDetail } from '../../hooks/use-project-detail';
import { useServiceStats } from '../../hooks/use-service-stats';
import { useShortcuts, type Shortcut } from '../../hooks/use-shortcuts';
import { useTrustPrompt } from '../../hooks/use-trust-prompt';
import { isRunning, serviceContainers } from '../../lib/service-status';
import { serviceActions } from '../../lib/service-actions';
import { SHORTCUTS } from '../../lib/shortcuts';
import { runActionConfirmed, upWithTrust } from '../../lib/trusted-calls';
import { DriftView } from '../drift/DriftView';
import { ServiceDetails } from '../graph/ServiceDetails';
import { TracedServiceGraph } from '../graph/TracedServiceGraph';
import { LogsView } from '../logs/LogsView';
import { healthSummary } from '../sidebar/ProjectSidebar';
import { DownDialog } from '../toolbar/DownDialog';
import { setMirrorWithTrust } from '../toolbar/MirrorSwitchTrust';
import { ProgressPanel } from '../toolbar/ProgressPanel';
import { ProjectToolbar } from '../toolbar/ProjectToolbar';
import { ActionOutputDialog, type ActionOutput } from '../toolbar/QuickActions';
import { ProblemsNotice } from './ProblemsNotice';
import { panelId, ProjectTabs, tabId, type TabSpec } from './ProjectTabs';

type Tab = Navigation['view'];

const TABS: readonly TabSpec<Tab>[] = [
  { id: 'graph', label: 'Graph', keys: SHORTCUTS.graph },
  { id: 'logs', label: 'Logs', keys: SHORTCUTS.logs },
  { id: 'drift', label: 'Drift', keys: SHORTCUTS.drift },
];

function namedVolumes(services: readonly ServiceView[]): string[] {
  const names = services.flatMap((s) =>
    s.mounts.filter((m) => m.type === 'volume' && m.source !== null).map((m) => m.source ?? ''),
  );
  return [...new Set(names)].sort();
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The selected project: its header and toolbar, the progress of what runs, and the Graph, Logs
 * and Drift tabs. Keyed by project in the App, so switching projects starts afresh.
 */
export function ProjectView({
  connection,
  summary,
  reloadKey = 0,
  initialTab = 'graph',
}: {
  connection: Connection;
  /** The sidebar's summary: live from project.changed. */
  summary: ProjectSummary;
  /** Changes when the engine comes back: everything is asked again. */
  reloadKey?: number;
  /** The tab to open with (the desktop app's tray and notifications name one). */
  initialTab?: Tab;
}) {
  const { api } = connection;
  const project = summary.id;
  const { detail, error } = useProjectDetail(connection, project, reloadKey);
  const { run, busy, perform, dismiss } = useOperations(connection, project);
  const [tab, setTab] = useState<Tab>(initialTab);
  const [visited, setVisited] = useState<ReadonlySet<Tab>>(() => new Set<Tab>([initialTab]));
  const [selected, setSelected] = useState<string | null>(null);
  const [focusService, setFocusService] = useState<string | null>(null);
  const [downOpen, setDownOpen] = useState(false);
  const [output, setOutput] = useState<ActionOutput | null>(null);

  const services = detail?.services ?? [];
  const invalid = summary.state === 'invalid' || summary.state === 'missing';
  const anyRunning = services.some(isRunning);
  const containerCount = services.reduce((n, s) => n + serviceContainers(s).length, 0);
  const selectedService = services.find((s) => s.name === selected) ?? null;
  const stats = useServiceStats(connection, project, selectedService?.name ?? null);
  const prompt = useTrustPrompt(summary.name);

  const show = (next: Tab): void => {
    setTab(next);
    setVisited((seen) => (seen.has(next) ? seen : new Set([...seen, next])));
  };

  const start = (): void => {
    if (busy || invalid) return;
    void perform('Start', async () => {
      const { failed } = await upWithTrust(api, { project }, prompt.askTrust);
      if (failed.length > 0) {
        throw new Error(
          `${plural(failed.length, 'service')} failed: ${failed.map((f) => `${f.service}: ${f.reason}`).join('; ')}`,
        );
      }
      return `${summary.name} is up`;
    });
  };
  const stop = (): void => {
    if (busy || invalid || !anyRunning) return;
    void perform('Stop', async () => {
      await api['stack.stop']({ project });
      return 'Every service is stopped; the containers are kept';
    });
  };
  const restart = (): void => {
    if (busy || invalid || containerCount === 0) return;
    void perform('Restart', async () => {
      await api['stack.restart']({ project });
      return 'Every service restarted';
    });
  };
  const down = (volumes: boolean): void => {
    setDownOpen(false);
    void perform(volumes ? 'Down (and delete volumes)' : 'Down', async () => {
      const result = await api['stack.down']({ project, volumes });
      const removed = [
        plural(result.containers, 'container'),
        plural(result.networks.length, 'network'),
        ...(result.volumes.length > 0 ? [`volumes ${result.volumes.join(', ')}`] : []),
      ].join(', ');
      return `Removed ${removed}${volumes ? '' : '; named volumes kept'}`;
    });
  };
  const mirror = (on: boolean): void => {
    if (busy || (invalid && on)) return;
    void perform(on ? 'Mirror production' : 'Stop mirroring', async () => {
      const { failed, removed } = await setMirrorWithTrust(
        api,
        { project, mirror: on },
        prompt.askTrust,
      );
      if (failed.length > 0) {
        throw new Error(failed.map((f) => `${f.service}: ${f.reason}`).join('; '));
      }
      if (on) return `${summary.name} runs production's values (compose.mirror.yaml)`;
      const gone = removed.length > 0 ? `; removed ${removed.join(', ')}` : '';
      return `${summary.name} runs its own stack again${gone}`;
    });
  };
  const runAction = (action: ActionSummary): void => {
    void perform(action.name, async () => {
      const result = await runActionConfirmed(api, project, action.name, prompt.askAction);
      setOutput({ action: action.name, ...result });
      if (result.exitCode !== 0)
        throw new Error(`${action.name} exited with code ${result.exitCode}`);
      return `${action.name} finished`;
    });
  };

  const actionsOfServices = serviceActions({
    api,
    project,
    services,
    perform,
    askTrust: prompt.askTrust,
    openLogs: (service) => {
      setFocusService(service);
      show('logs');
    },
  });

  const shortcuts: Shortcut[] = [
    { keys: SHORTCUTS.start, run: start },
    { keys: SHORTCUTS.stop, run: stop },
    { keys: SHORTCUTS.restart, run: restart },
    { keys: SHORTCUTS.down, run: () => !busy && !invalid && setDownOpen(true) },
    { keys: SHORTCUTS.graph, run: () => show('graph') },
    { keys: SHORTCUTS.logs, run: () => show('logs') },
    { keys: SHORTCUTS.drift, run: () => show('drift') },
    { keys: SHORTCUTS.closeDetails, run: () => setSelected(null) },
  ];
  useShortcuts(shortcuts);

  return (
    <section className="project" aria-label={`Project ${summary.name}`}>
      <header className="project-header">
        <div className="project-heading">
          <h2>{summary.name}</h2>
          <span className={`badge project-state state-${summary.state}`}>{summary.state}</span>
          <span className="muted">{healthSummary(summary.services)}</span>
          {summary.mirroring === true && (
            <span className="badge mirroring-badge">Mirroring production</span>
          )}
          <span className="project-path mono" title={project}>
            {project}
          </span>
        </div>
        <ProjectToolbar
          state={{ busy, anyRunning, anyContainer: containerCount > 0, invalid }}
          actions={summary.actions}
          onStart={start}
          onStop={stop}
          onRestart={restart}
          onDown={() => setDownOpen(true)}
          onAction={runAction}
          // Offered where there is production to mirror (a drift count, or one on its way),
          // or to turn it off.
          {...(summary.driftCount !== null ||
          summary.driftPending === true ||
          summary.mirroring === true
            ? { mirror: { on: summary.mirroring === true, onChange: mirror } }
            : {})}
        />
      </header>
      {run && <ProgressPanel run={run} onDismiss={dismiss} />}
      <ProblemsNotice project={project} problems={summary.problems} />
      {error !== null && (
        <p role="alert" className="banner banner-error">
          {error}
        </p>
      )}
      <ProjectTabs tabs={TABS} active={tab} onChange={show} />
      <div
        className="tab-panel graph-panel"
        role="tabpanel"
        id={panelId('graph')}
        aria-labelledby={tabId('graph')}
        hidden={tab !== 'graph'}
      >
        {detail === null ? (
          <p aria-busy="true" className="muted">
            Reading the project…
          </p>
        ) : services.length === 0 ? (
          <p className="muted">This project has no services to show.</p>
        ) : (
          <>
            <TracedServiceGraph
              connection={connection}
              project={project}
              services={services}
              selected={selected}
              onSelect={(name) => setSelected((current) => (current === name ? null : name))}
              active={tab === 'graph'}
              projectDir={project}
              mirroring={summary.mirroring === true}
            />
            {selectedService && (
              <ServiceDetails
                service={selectedService}
                actions={actionsOfServices}
                busy={busy}
                onClose={() => setSelected(null)}
                projectDir={project}
                stats={stats}
              />
            )}
          </>
        )}
      </div>
      <div
        className="tab-panel"
        role="tabpanel"
        id={panelId('logs')}
        aria-labelledby={tabId('logs')}
        hidden={tab !== 'logs'}
      >
        {visited.has('logs') && (
          <LogsView
            connection={connection}
            project={project}
            services={services.map((s) => s.name)}
            focusService={focusService}
          />
        )}
      </div>
      <div
        className="tab-panel"
        role="tabpanel"
        id={panelId('drift')}
        aria-labelledby={tabId('drift')}
        hidden={tab !== 'drift'}
      >
        {visited.has('drift') && <DriftView connection={connection} project={project} />}
      </div>
      {downOpen && (
        <DownDialog
          project={summary.name}
          containers={containerCount}
          volumes={namedVolumes(services)}
          onConfirm={down}
          onCancel={() => setDownOpen(false)}
        />
      )}
      {output && <ActionOutputDialog result={output} onClose={() => setOutput(null)} />}
      {prompt.dialog}
    </section>
  );
}
