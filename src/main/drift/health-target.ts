import { parseCommand } from '../config/syntax/command';

/**
 * What a health check probes, read from its test: how (an HTTP GET, a TCP connect, a gRPC health
 * call, or a command run in the container), on which port and, for HTTP, which path. A port or
 * path that cannot be read from the command is null, and `unknown` says why: never a guess.
 */
export interface CheckTarget {
  mechanism: 'http' | 'tcp' | 'grpc' | 'exec';
  port: number | null;
  path: string | null;
  /** For exec: the command as one line (a CMD-SHELL script as written). */
  command: string | null;
  /** The client the command runs, when it is one that is read (`curl`, `pg_isready`, ...). */
  tool: string | null;
  /** Why the port is not known, when it is not. */
  unknown: string | null;
}

// A host with a port, or a local host, and an optional path: what curl and wget read as http.
const BARE_URL =
  /^(?:(?:localhost|[\w.-]+):\d+|localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\](?::\d+)?)(?:\/\S*)?$/;

// Clients whose command line names a port (or implies one): what they check, by protocol.
const PROTOCOL_CLIENTS: Record<string, { port: number; flag: string | null }> = {
  pg_isready: { port: 5432, flag: '-p' },
  'redis-cli': { port: 6379, flag: '-p' },
  'valkey-cli': { port: 6379, flag: '-p' },
  mysqladmin: { port: 3306, flag: '-P' },
  mongosh: { port: 27017, flag: '--port' },
  mongo: { port: 27017, flag: '--port' },
};

/**
 * The target of a check written as Docker writes tests (`['CMD', ...]`, `['CMD-SHELL', script]`)
 * or as the Kubernetes reader writes probes (`['HTTP', 'GET', url]`, `['TCP', 'host:port']`,
 * `['GRPC', ':port']`); null for none (`NONE`, empty).
 */
export function checkTarget(test: readonly string[] | null): CheckTarget | null {
  const [kind, ...rest] = test ?? [];
  switch (kind ?? '') {
    case 'HTTP':
      return fromUrl(rest[1] ?? '', null);
    case 'TCP':
      return target('tcp', portOf(rest[0] ?? ''), null, null, null);
    case 'GRPC':
      return target('grpc', portOf(rest[0] ?? ''), null, null, null);
    case 'CMD':
      return fromArgv(rest);
    case 'CMD-SHELL':
      return fromScript(rest.join(' '));
    default:
      return null;
  }
}

/** The target in words: `HTTP GET :8080/health`, `TCP :5432`, `exec rabbitmqctl status`. */
export function describeTarget(t: CheckTarget): string {
  const port = t.port === null ? '' : `:${t.port}`;
  switch (t.mechanism) {
    case 'http':
      return `HTTP GET ${port || '(port unknown)'}${t.path ?? ''}`;
    case 'tcp':
      return `TCP ${port || '(port unknown)'}`;
    case 'grpc':
      return `gRPC health ${port || '(port unknown)'}`;
    case 'exec':
      return `exec ${t.command ?? ''}${t.port !== null ? ` (port ${t.port})` : ''}`;
  }
}

function target(
  mechanism: CheckTarget['mechanism'],
  port: number | null,
  path: string | null,
  command: string | null,
  tool: string | null,
  unknown: string | null = port === null ? 'no port is named' : null,
): CheckTarget {
  return { mechanism, port, path, command, tool, unknown };
}

// `sh -c 'script'` is a script; anything else is one command line.
function fromArgv(argv: readonly string[]): CheckTarget {
  const [first = '', flag, script] = argv;
  if (/^(\/usr)?(\/bin\/)?(ba|da|a)?sh$/.test(first) && flag === '-c' && script !== undefined)
    return fromScript(script);
  return fromCommand(argv, argv.join(' '));
}

// A script runs its commands in turn (`curl ... || exit 1`): the first client that is read gives
// the target; otherwise it is a command whose port cannot be known.
function fromScript(script: string): CheckTarget {
  const line = script.trim();
  for (const part of line.split(/\|\||&&|;|\|/)) {
    const argv = splitShellWords(part.trim());
    const found = argv.length > 0 ? readClient(argv) : null;
    if (found) return found.mechanism === 'exec' ? { ...found, command: line } : found;
  }
  const tcp = /\/dev\/tcp\/[^/\s]+\/(\d+)/.exec(line);
  if (tcp) return target('tcp', Number(tcp[1]), null, null, 'bash /dev/tcp');
  return (
    fromOneUrl(line) ??
    target('exec', null, null, line, null, 'the command names no port Parity can read')
  );
}

function fromCommand(argv: readonly string[], line: string): CheckTarget {
  const found = readClient(argv);
  if (found) return found.mechanism === 'exec' ? { ...found, command: line } : found;
  return (
    fromOneUrl(line) ??
    target('exec', null, null, line, null, 'the command names no port Parity can read')
  );
}

// curl/wget of a URL is an HTTP GET; `nc -z host port` a TCP connect; a database client, a
// command on the database's port; `openssl s_client -connect host:port`, a TLS handshake.
function readClient(argv: readonly string[]): CheckTarget | null {
  const tool = (argv[0] ?? '').split('/').at(-1) ?? '';
  const args = argv.slice(1);
  if (tool === 'curl' || tool === 'wget') {
    const url = args.find((a) => /^https?:\/\//i.test(a));
    if (url) return fromUrl(url, tool);
    // Both take a URL without its scheme as http: `curl -f localhost:8080/health`.
    const bare = args.find((a) => BARE_URL.test(a));
    return bare ? fromUrl(`http://${bare}`, tool) : null;
  }
  if (tool === 'nc' || tool === 'ncat' || tool === 'netcat') {
    const words = args.filter((a) => !a.startsWith('-'));
    const port = words.length >= 2 ? Number(words.at(-1)) : NaN;
    return Number.isInteger(port) ? target('tcp', port, null, null, tool) : null;
  }
  if (tool === 'grpc_health_probe') {
    const addr = args.find((a) => a.startsWith('-addr'));
    const value = addr?.includes('=') ? addr.slice(addr.indexOf('=') + 1) : args[1];
    return target('grpc', portOf(value ?? ''), null, null, tool);
  }
  if (tool === 'openssl' && args[0] === 's_client') {
    const at = args.indexOf('-connect');
    const port = at >= 0 ? portOf(args[at + 1] ?? '') : 443;
    return target('exec', port, null, argv.join(' '), 'openssl s_client');
  }
  const client = PROTOCOL_CLIENTS[tool];
  if (client) {
    const at = client.flag ? args.indexOf(client.flag) : -1;
    const port = at >= 0 ? Number(args[at + 1]) : client.port;
    return target('exec', Number.isInteger(port) ? port : null, null, argv.join(' '), tool);
  }
  return null;
}

// A script in another language that fetches exactly one URL (`python -c "urlopen('http://...')"`,
// `node -e "fetch('http://...')"`) is an HTTP GET of it; with none or several, nothing is read.
function fromOneUrl(line: string): CheckTarget | null {
  const urls = line.match(/https?:\/\/[^\s'"`)]+/gi) ?? [];
  if (urls.length !== 1 || urls[0] === undefined) return null;
  return fromUrl(urls[0], (line.split(/\s+/)[0] ?? '').split('/').at(-1) ?? null);
}

function fromUrl(url: string, tool: string | null): CheckTarget {
  const match = /^(https?):\/\/(\[[^\]]*\]|[^/:?#]*)(?::(\d+))?([^?#]*)/i.exec(url);
  if (!match) return target('http', null, null, null, tool, `"${url}" is not a URL`);
  const [, scheme = 'http', , port, path] = match;
  const number = port ? Number(port) : scheme.toLowerCase() === 'https' ? 443 : 80;
  return target('http', number, path || '/', null, tool);
}

// One command of a script as words, as Compose splits a command; unbalanced quotes, by spaces.
function splitShellWords(part: string): string[] {
  try {
    return parseCommand(part) ?? [];
  } catch {
    return part.split(/\s+/).filter((word) => word !== '');
  }
}

// `host:port`, `:port` or `port`.
function portOf(address: string): number | null {
  const match = /(?:^|:)(\d+)$/.exec(address.trim());
  return match ? Number(match[1]) : null;
}
