import type { ServiceView } from '../../../../shared/projects';
import type { ServiceStats } from '../../../../shared/stats';
import {
  buildContext,
  imageOf,
  publishedPorts,
  serviceContainers,
  serviceStatus,
} from '../../lib/service-status';
import { PortLink } from './PortLink';
import { RemoveButton } from './RemoveButton';
import { ScaleControl } from './ScaleControl';

/** What a service's buttons do. */
export interface ServiceActions {
  start: (service: string) => void;
  stop: (service: string) => void;
  restart: (service: string) => void;
  /** Removes its stopped containers. */
  remove: (service: string) => void;
  /** Brings it to this many containers. */
  scale: (service: string, replicas: number) => void;
  logs: (service: string) => void;
}

/** Shown in place of a secret's value, which never reaches the page. */
export const SECRET_MASK = '••••••';

/**
 * A service's details: status, health check, ports, environment (secrets masked), mounts,
 * containers, and Start / Stop / Restart / Remove / Logs and its number of containers.
 */
export function ServiceDetails({
  service,
  actions,
  busy,
  onClose,
  projectDir,
  stats = null,
}: {
  service: ServiceView;
  /** CPU and memory of its running containers, when sampled. */
  stats?: ServiceStats[] | null;
  actions: ServiceActions;
  /** An operation runs on the project: the buttons wait. */
  busy: boolean;
  onClose: () => void;
  /** The project folder: build contexts are shown relative to it. */
  projectDir?: string;
}) {
  const status = serviceStatus(service);
  const containers = serviceContainers(service);
  const ports = publishedPorts(service);
  const running = status.running > 0;
  const { name } = service;
  return (
    <aside className="details" aria-label={`Service ${name} details`}>
      <header className="details-header">
        <h3>{name}</h3>
        <button
          type="button"
          className="icon-button"
          aria-label="Close details"
          title="Close (Esc)"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div className="details-actions" role="group" aria-label={`Actions for ${name}`}>
        <button
          type="button"
          aria-label={`Start ${name}`}
          disabled={busy || running}
          onClick={() => actions.start(name)}
        >
          Start
        </button>
        <button
          type="button"
          aria-label={`Stop ${name}`}
          disabled={busy || !running}
          onClick={() => actions.stop(name)}
        >
          Stop
        </button>
        <button
          type="button"
          aria-label={`Restart ${name}`}
          disabled={busy || containers.length === 0}
          onClick={() => actions.restart(name)}
        >
          Restart
        </button>
        <button type="button" aria-label={`Logs of ${name}`} onClick={() => actions.logs(name)}>
          Logs
        </button>
        <RemoveButton
          service={name}
          containers={containers.length}
          disabled={busy || running || containers.length === 0}
          onRemove={actions.remove}
        />
      </div>
      <dl className="details-list">
        <dt>Status</dt>
        <dd className={`tone-${status.tone}`}>
          {status.state}
          {status.health ? `, ${status.health}` : ''}
        </dd>
        <dt>Image</dt>
        <dd className="mono">{imageOf(service, projectDir)}</dd>
        {service.build !== null && (
          <>
            <dt>Build</dt>
            <dd className="mono">{buildContext(service.build, projectDir)}</dd>
          </>
        )}
        <dt>Health check</dt>
        <dd className="mono">{service.healthcheck ?? 'none'}</dd>
        {service.lastHealthCheck && (
          <>
            <dt>Last check</dt>
            <dd className="mono">
              exit {service.lastHealthCheck.exitCode}
              {service.lastHealthCheck.output ? `: ${service.lastHealthCheck.output}` : ''}
            </dd>
          </>
        )}
        {stats && stats.length > 0 && (
          <>
            <dt>CPU, memory</dt>
            <dd>
              {stats
                .map(
                  (s) =>
                    `${s.cpuPercent.toFixed(1)} %, ${mebibytes(s.memoryBytes)} of ${mebibytes(s.memoryLimitBytes)}`,
                )
                .join('; ')}
            </dd>
          </>
        )}
        {(service.restartCount ?? 0) > 0 && (
          <>
            <dt>Restarts</dt>
            <dd className="tone-bad">{service.restartCount}</dd>
          </>
        )}
        <dt>Depends on</dt>
        <dd>
          {service.dependsOn.length === 0
            ? 'nothing'
            : service.dependsOn
                .map((d) => `${d.service} (${d.condition}${d.required ? '' : ', optional'})`)
                .join(', ')}
        </dd>
        <dt>Ports</dt>
        <dd>
          {ports.length > 0
            ? ports.map((port) => (
                <PortLink key={`${port.hostIp}:${port.hostPort}/${port.protocol}`} port={port} />
              ))
            : service.ports.length > 0
              ? service.ports
                  .map(
                    (p) =>
                      `${p.hostIp ? `${p.hostIp}:` : ''}${p.published ?? 'any'}→${p.target}/${p.protocol}`,
                  )
                  .join(', ')
              : 'none published'}
        </dd>
        <dt>Replicas</dt>
        <dd>
          {/* What runs now: a scale lasts until the next up, which goes back to the files. */}
          <ScaleControl
            service={name}
            replicas={containers.length > 0 ? containers.length : service.replicas}
            busy={busy}
            onScale={actions.scale}
          />
          {containers.length > 0 && containers.length !== service.replicas && (
            <span className="muted"> the files say {service.replicas}</span>
          )}
        </dd>
      </dl>

      <h4>Containers</h4>
      {containers.length === 0 ? (
        <p className="muted">None yet: Start creates them.</p>
      ) : (
        <ul className="details-containers">
          {containers.map((c) => (
            <li key={c.id}>
              <span className="mono">{c.name}</span> <span className="muted">{c.status}</span>
            </li>
          ))}
        </ul>
      )}

      <h4>Environment</h4>
      {service.env.length === 0 ? (
        <p className="muted">No variables.</p>
      ) : (
        <table className="details-env">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {service.env.map((entry) => (
              <tr key={entry.name}>
                <th scope="row" className="mono">
                  {entry.name}
                </th>
                <td className="mono">
                  {entry.secret || entry.value === null ? (
                    <span className="secret" title="A secret: its value is never shown">
                      {SECRET_MASK}
                    </span>
                  ) : (
                    entry.value
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h4>Mounts</h4>
      {service.mounts.length === 0 ? (
        <p className="muted">No mounts.</p>
      ) : (
        <ul className="details-mounts">
          {service.mounts.map((m) => (
            <li key={`${m.type}:${m.source ?? ''}:${m.target}`} className="mono">
              {m.source ?? '(anonymous)'} → {m.target}{' '}
              <span className="muted">
                {m.type}
                {m.readOnly ? ', read-only' : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

function mebibytes(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GiB`
    : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
