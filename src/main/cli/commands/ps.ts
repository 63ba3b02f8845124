import type { PublishedPort, StackContainer } from '../../../shared/stacks';
import { listStackResult } from '../../api/stack-list';
import { unreachableSentence } from '../../engine/endpoint/engine-target';
import { cliEngine } from '../cli-engine';
import { EXIT, type Command } from '../command';
import { formatTable } from '../format-table';

/** `parity ps`: the Compose stacks on the engine and their containers. */
export const psCommand: Command = {
  name: 'ps',
  summary: 'List the Compose stacks on the Docker engine and their containers',
  usage: 'parity ps [-p|--project-name NAME] [-a|--all] [--json]',
  options: {
    'project-name': { type: 'string', short: 'p' },
    all: { type: 'boolean', short: 'a' },
    json: { type: 'boolean' },
  },
  async run({ values }, io) {
    const engine = cliEngine(io);
    const list = await listStackResult(engine);
    if (list.engine === 'unreachable') {
      const where = engine.target;
      io.err(
        `parity ps: ${where ? unreachableSentence(where, list.reason) : `cannot reach the Docker engine at ${list.endpoint}: ${list.reason}`}\n`,
      );
      return EXIT.failed;
    }
    const only = values['project-name'];
    const stacks = list.stacks
      .filter((stack) => typeof only !== 'string' || stack.project === only)
      .map((stack) => ({
        ...stack,
        containers: stack.containers.filter((c) => values.all === true || c.state === 'running'),
      }))
      .filter((stack) => stack.containers.length > 0);
    if (values.json === true) {
      io.out(JSON.stringify(stacks, null, 2) + '\n');
      return EXIT.ok;
    }
    if (stacks.length === 0) {
      io.out(
        values.all === true
          ? 'No Compose stacks on this engine.\n'
          : 'No running Compose stacks (-a shows stopped ones).\n',
      );
      return EXIT.ok;
    }
    const rows = stacks.flatMap((stack) =>
      stack.containers.map((c) => [
        stack.project,
        c.service,
        c.name,
        describeState(c),
        c.ports.map(formatPort).join(', '),
      ]),
    );
    io.out(formatTable(['PROJECT', 'SERVICE', 'NAME', 'STATE', 'PORTS'], rows));
    return EXIT.ok;
  },
};

function describeState(container: StackContainer): string {
  return container.health === 'none' ? container.state : `${container.state} (${container.health})`;
}

function formatPort(port: PublishedPort): string {
  const host = port.hostIp.includes(':') ? `[${port.hostIp}]` : port.hostIp;
  return `${host}:${port.hostPort}->${port.containerPort}/${port.protocol}`;
}
