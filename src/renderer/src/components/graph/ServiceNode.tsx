import type { ServiceView } from '../../../../shared/projects';
import { imageOf, publishedPorts, serviceLabel, serviceStatus } from '../../lib/service-status';
import type { NodeBox } from './graph-layout';
import { PortLink } from './PortLink';

/** One service on the graph: a button that selects it, and links to its published ports. */
export function ServiceNode({
  service,
  box,
  selected,
  onSelect,
  projectDir,
}: {
  service: ServiceView;
  /** Build contexts are shown relative to it. */
  projectDir?: string;
  box: NodeBox;
  selected: boolean;
  onSelect: () => void;
}) {
  const status = serviceStatus(service);
  const ports = publishedPorts(service);
  const image = imageOf(service, projectDir);
  const replicas = status.total > 1 ? ` (${status.running}/${status.total})` : '';
  return (
    <div
      className={`graph-node tone-${status.tone}${selected ? ' selected' : ''}`}
      data-service={service.name}
      style={{ left: box.x, top: box.y, width: box.width, height: box.height }}
    >
      <button
        type="button"
        className="graph-node-main"
        aria-label={serviceLabel(service.name, status)}
        aria-pressed={selected}
        onClick={onSelect}
      >
        <span className="node-title">
          <span className="node-dot" aria-hidden="true" />
          <span className="node-name">{service.name}</span>
        </span>
        <span className="node-state">
          {status.state}
          {status.health && (
            <span className={`node-health health-${status.health}`}> · {status.health}</span>
          )}
          {replicas}
        </span>
        <span className="node-image" title={image}>
          {image}
        </span>
      </button>
      {ports.length > 0 && (
        <span className="node-ports">
          {ports.map((port) => (
            <PortLink key={`${port.hostIp}:${port.hostPort}/${port.protocol}`} port={port} />
          ))}
        </span>
      )}
    </div>
  );
}
