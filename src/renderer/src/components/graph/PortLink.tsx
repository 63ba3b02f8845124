import type { PublishedPort } from '../../../../shared/stacks';
import { portUrl } from '../../lib/service-status';

/**
 * A published port: TCP ports open in the browser, on loopback (the app's window opens only
 * loopback links outside).
 */
export function PortLink({ port }: { port: PublishedPort }) {
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
      title={`Open ${url} (container port ${port.containerPort})`}
    >
      {text}
    </a>
  );
}
