import { useId, type KeyboardEvent, type Ref } from 'react';
import type { ServiceView } from '../../../../shared/projects';
import { imageOf, publishedPorts, serviceLabel, serviceStatus } from '../../lib/service-status';
import type { NodeBox } from './graph-layout';
import { PortLink } from './PortLink';

/**
 * One service on the graph: a button that selects it, and links to its published ports. The
 * button says what it shows (name, state, health, replicas: its accessible name holds its
 * visible text, for speech input); the image line beside it is read as the node's description.
 * A name too long for the node is cut short on screen, whole in the tooltip and the name.
 * Only the node holding the graph's tab stop (use-roving-focus.ts) is in the Tab order, with
 * its port links; the arrows reach the others. A service the Mirror production override adds
 * says so on its description line.
 */
export function ServiceNode({
  service,
  box,
  selected,
  onSelect,
  onFocus,
  projectDir,
  tabStop = true,
  buttonRef,
  onKeyDown,
}: {
  service: ServiceView;
  /** Build contexts are shown relative to it. */
  projectDir?: string;
  box: NodeBox;
  selected: boolean;
  onSelect: () => void;
  /** The node got the keyboard's focus: the graph brings it into view. */
  onFocus?: () => void;
  /** Whether Tab stops here (the graph's one stop for its nodes). */
  tabStop?: boolean;
  buttonRef?: Ref<HTMLButtonElement>;
  onKeyDown?: (event: KeyboardEvent<HTMLButtonElement>) => void;
}) {
  const status = serviceStatus(service);
  const ports = publishedPorts(service);
  const image = imageOf(service, projectDir);
  const replicas = status.total > 1 ? `${status.running}/${status.total}` : '';
  const label = `${serviceLabel(service.name, status)}${replicas ? `, ${replicas} running` : ''}`;
  const imageId = useId();
  return (
    <div
      className={`graph-node tone-${status.tone}${selected ? ' selected' : ''}`}
      data-service={service.name}
      style={{ left: box.x, top: box.y, width: box.width, height: box.height }}
    >
      <button
        type="button"
        className="graph-node-main"
        aria-label={label}
        aria-describedby={imageId}
        aria-pressed={selected}
        title={`${service.name}\n${image}`}
        onClick={onSelect}
        onFocus={onFocus}
        ref={buttonRef}
        tabIndex={tabStop ? 0 : -1}
        onKeyDown={onKeyDown}
      >
        <span className="node-title">
          <span className="node-dot" aria-hidden="true" />
          <span className="node-name">{service.name}</span>
        </span>
        {/* Kept apart in the text too: "api running", not "apirunning". */}{' '}
        <span className="node-state">
          {status.state}
          {status.health && (
            <span className={`node-health health-${status.health}`}> · {status.health}</span>
          )}
          {replicas && ` (${replicas})`}
        </span>
      </button>
      <span className="node-image" id={imageId}>
        {service.fromProduction && <span className="node-origin">from production · </span>}
        {image}
      </span>
      {ports.length > 0 && (
        <span className="node-ports">
          {ports.map((port) => (
            <PortLink
              key={`${port.hostIp}:${port.hostPort}/${port.protocol}`}
              port={port}
              tabStop={tabStop}
            />
          ))}
        </span>
      )}
    </div>
  );
}
