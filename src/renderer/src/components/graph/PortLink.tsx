import type { PublishedPort } from '../../../../shared/stacks';
import { portUrl } from '../../lib/service-status';

/**
 * A published port: TCP ports open in the browser, on loopback (the app's window opens only
 * loopback links outside). `tabStop` false takes it out of the Tab order (its node is not the
 * graph's tab stop).
 */
export function PortLink({ port, tabStop = true }: { port: PublishedPort; tabStop?: boolean }) {
  const text = `${port.hostPort}→${port.containerPort}`;
  if (port.protocol !== 'tcp') {
    return <span className="port">{`${text}/${port.protocol}`}</span>;
  }
  const url = portUrl(port);
  return (
    <a
      className="port"
      href={url}
      target="_blank"
      rel="noreferrer"
      tabIndex={tabStop ? undefined : -1}
      title={`Open ${url} (container port ${port.containerPort})`}
    >
      {text}
    </a>
  );
}
