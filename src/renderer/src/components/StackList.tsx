import type { PublishedPort, Stack, StackContainer } from '../../../shared/stacks';

/** Every Compose stack on the engine, one table of containers each. */
export function StackList({ stacks }: { stacks: readonly Stack[] }) {
  if (stacks.length === 0) {
    return (
      <section className="empty" aria-label="No stacks">
        <h2>No Compose stacks on this engine</h2>
        <p>Start a project (for example examples/shop) and it appears here.</p>
      </section>
    );
  }
  return (
    <>
      {stacks.map((stack) => (
        <section key={stack.project} className="stack" aria-label={`Stack ${stack.project}`}>
          <h2>{stack.project}</h2>
          {stack.workingDir !== null && <p className="stack-dir">{stack.workingDir}</p>}
          <table>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Container</th>
                <th scope="col">State</th>
                <th scope="col">Image</th>
                <th scope="col">Ports</th>
              </tr>
            </thead>
            <tbody>
              {stack.containers.map((container) => (
                <ContainerRow key={container.id} container={container} />
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}

function ContainerRow({ container }: { container: StackContainer }) {
  const health = container.health === 'none' ? '' : ` (${container.health})`;
  return (
    <tr>
      <th scope="row">{container.service}</th>
      <td>{container.name}</td>
      <td>
        <span className={`state state-${container.state} health-${container.health}`}>
          {container.state + health}
        </span>
        <span className="status">{container.status}</span>
      </td>
      <td>{container.image}</td>
      <td>
        {container.ports.map((port) => (
          <PortLink key={`${port.hostIp}:${port.hostPort}/${port.protocol}`} port={port} />
        ))}
      </td>
    </tr>
  );
}

// Published TCP ports open in the browser; the app's window opens only loopback links.
function PortLink({ port }: { port: PublishedPort }) {
  const label = `${port.hostPort}→${port.containerPort}/${port.protocol}`;
  if (port.protocol !== 'tcp') return <span className="port">{label}</span>;
  const host = port.hostIp === '0.0.0.0' || port.hostIp === '::' ? '127.0.0.1' : port.hostIp;
  const href = `http://${host.includes(':') ? `[${host}]` : host}:${port.hostPort}/`;
  return (
    <a className="port" href={href} target="_blank" rel="noreferrer">
      {label}
    </a>
  );
}
