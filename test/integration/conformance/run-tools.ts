import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PARITY_BIN } from '../../support/cli';

/** The two tools compared: Parity (follows Compose v2) and docker-compose 1.29, the peer. */
export type Tool = 'parity' | 'compose';

/** One finished run of a tool. */
export interface ToolRun {
  ok: boolean;
  output: string;
}

/** Where one tool runs one project: its copy of the files and its project name. */
export interface Side {
  tool: Tool;
  project: string;
  dir: string;
  file: string;
  home: string;
}

const TIMEOUT_MS = 120_000;

/**
 * `up -d` as a user types it, with the side's own HOME (so `~` paths land in the copy). Parity
 * gets --trust, as a CI script passes it: samples such as portainer (the Docker socket) and
 * pihole (NET_ADMIN) ask for host-level power, which docker-compose starts without asking.
 */
export function upSide(side: Side): Promise<ToolRun> {
  return run(side, side.tool === 'parity' ? ['up', '-d', '--trust'] : ['up', '-d']);
}

/** `down -v -t 0`, removing every container, network and volume the side created. */
export function downSide(side: Side): Promise<ToolRun> {
  return run(side, ['down', '-v', '-t', '0']);
}

function run(side: Side, args: string[]): Promise<ToolRun> {
  const project = ['-p', side.project, '-f', side.file];
  const [command, argv] =
    side.tool === 'parity'
      ? [process.execPath, [PARITY_BIN, ...args, ...project, '--project-directory', side.dir]]
      : ['docker-compose', [...project, ...args]];
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd: side.dir, env: toolEnv(side.home) });
    let output = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, output: `${output}${String(error)}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const end = signal ? `killed by ${signal} after ${TIMEOUT_MS} ms` : '';
      resolve({ ok: code === 0, output: `${output}${end}` });
    });
  });
}

/** The same environment for both tools, without anything that would pick another project. */
function toolEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('COMPOSE_') && !key.startsWith('PARITY_')) env[key] = value;
  }
  // Parity's settings (where --trust is remembered) in the side's home, not the user's.
  return { ...env, HOME: home, NO_COLOR: '1', PARITY_SETTINGS: join(home, 'parity-settings.json') };
}
