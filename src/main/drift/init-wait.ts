/** A host (and port, when one is named or implied) an init container waits for. */
export interface WaitTarget {
  host: string;
  port: number | null;
  /** The tool that probes it: `nc`, `wget`, `pg_isready`, ... */
  tool: string;
}

/** What an init container's command does: waits for other services, or other work. */
export type InitWork =
  { kind: 'wait'; targets: WaitTarget[] } | { kind: 'work'; command: string } | { kind: 'unknown' };

// Shells whose `-c` argument is the script the container runs.
const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|ash|dash|zsh)$/;
// Commands that only pace or narrate a wait loop.
const FILLER = new Set([
  ...['echo', 'printf', 'sleep', 'true', 'false', ':', 'exit', 'set', 'date', '[', 'test'],
]);
// Options of nc and telnet that take a value (`-w 1`), so that the value is not the host.
const VALUED = new Set(['-w', '-q', '-i', '-p', '-s', '-x', '-X', '-W', '-G', '-g']);
// Commands that run another (`timeout 2 nc ...`): the tool is looked for among their words.
const WRAPPERS = new Set(['timeout', 'exec', 'command', 'env', 'nice']);
// Shell words that start or join commands, never commands themselves.
const KEYWORDS = new Set(['until', 'while', 'if', 'then', 'else', 'do', 'done', 'fi', '!', '{']);
// Default ports of the client tools that name none.
const TOOL_PORTS: Record<string, number> = {
  pg_isready: 5432,
  mysqladmin: 3306,
  'redis-cli': 6379,
};
const URL = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?([A-Za-z0-9.-]+)(?::(\d+))?/i;
const SCHEME_PORTS: Record<string, number> = { http: 80, https: 443, tcp: 0 };

/**
 * Reads an init container's command (`entrypoint` + `command` as the model keeps them) as a
 * readiness gate or as work. A wait is a script whose every command probes a host (nc, ncat,
 * telnet, wget, curl, pg_isready, mysqladmin ping, redis-cli ping, nslookup, getent hosts,
 * `/dev/tcp/host/port`, wait-for-it, dockerize -wait) or only paces the loop (sleep, echo);
 * anything else it runs (a migration, a copy) makes it work. An image whose entrypoint is a
 * wait (groundnuty/k8s-wait-for: `service db`, `pod -lapp=db`, `job migrate`) waits for what its
 * arguments name. No command at all is unknown: the image's own entrypoint does whatever it does.
 */
export function readInitWork(argv: readonly string[], image: string | null = null): InitWork {
  const waitImage = image !== null && /(?:^|\/)k8s-wait-for(?::|@|$)/.test(image);
  if (waitImage && argv.length >= 2) {
    const target = (argv[1] ?? '').replace(/^-l\s*[\w./-]*=/, '');
    return { kind: 'wait', targets: [{ host: target, port: null, tool: 'k8s-wait-for' }] };
  }
  if (argv.length === 0) return { kind: 'unknown' };
  const script = scriptOf(argv);
  const targets: WaitTarget[] = [];
  let work = false;
  for (const command of commandsOf(script)) {
    const first = command[0] ?? '';
    // A message may name a tool (`echo waiting for nc`); it probes nothing.
    const found = first === 'echo' || first === 'printf' ? null : probe(command);
    if (found) targets.push(...found);
    else if (!FILLER.has(first)) work = true;
  }
  if (!work && targets.length > 0) return { kind: 'wait', targets: unique(targets) };
  return { kind: 'work', command: script };
}

// `sh -c "script"` is the script; any other command, its words.
function scriptOf(argv: readonly string[]): string {
  const c = argv.indexOf('-c');
  if (SHELLS.test(argv[0] ?? '') && c > 0 && argv[c + 1] !== undefined) return argv[c + 1] ?? '';
  return argv.join(' ');
}

// The simple commands of a script, as words: split at `;`, `&&`, `||`, `|`, newlines and loop
// words; redirections and the shell keywords that lead a command are dropped.
function commandsOf(script: string): string[][] {
  return script
    .split(/;|&&|\|\||\||\n|\bdo\b|\bdone\b|\bthen\b|\bfi\b|\belse\b/)
    .map((part) =>
      part
        .replace(/\d?>&?\s*\S+/g, ' ')
        .split(/\s+/)
        .map((word) => word.replace(/^["']|["']$/g, ''))
        .filter((word) => word !== ''),
    )
    .map((words) => {
      let i = 0;
      while (i < words.length && KEYWORDS.has(words[i] ?? '')) i += 1;
      return words.slice(i);
    })
    .filter((words) => words.length > 0 && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] ?? ''));
}

// The hosts one command probes, or null when it probes none.
function probe(words: string[]): WaitTarget[] | null {
  const devTcp = /\/dev\/tcp\/([A-Za-z0-9.-]+)\/(\d+)/.exec(words.join(' '));
  if (devTcp) return [{ host: devTcp[1] ?? '', port: Number(devTcp[2]), tool: '/dev/tcp' }];
  // The tool may follow a test or a wrapper: `[ "$(curl -s http://api/health)" = ok ]`.
  const bare = words.map(
    (w) =>
      w
        .replace(/^[$(`"']+/, '')
        .split('/')
        .at(-1) ?? '',
  );
  const scan = ['[', 'test', ...WRAPPERS].includes(bare[0] ?? '');
  const at = bare.findIndex((w, i) => (i === 0 || scan) && isTool(w));
  if (at < 0) return null;
  return probeTool(bare[at] ?? '', words.slice(at + 1));
}

// The hosts a known tool probes with these arguments; null when it probes none.
function probeTool(tool: string, args: string[]): WaitTarget[] | null {
  switch (tool) {
    case 'nc':
    case 'ncat':
    case 'netcat':
    case 'telnet': {
      const positional = args.filter(
        (a, i) => !a.startsWith('-') && !VALUED.has(args[i - 1] ?? ''),
      );
      const [host, port] = positional;
      return host ? [{ host, port: port && /^\d+$/.test(port) ? Number(port) : null, tool }] : null;
    }
    case 'wget':
    case 'curl':
      return urlTargets(args, tool);
    case 'pg_isready':
    case 'mysqladmin':
    case 'redis-cli': {
      if (tool === 'mysqladmin' && !args.includes('ping')) return null;
      const host = option(args, ['-h', '--host']) ?? 'localhost';
      const port = option(args, tool === 'mysqladmin' ? ['-P', '--port'] : ['-p', '--port']);
      return [{ host, port: port ? Number(port) : (TOOL_PORTS[tool] ?? null), tool }];
    }
    case 'nslookup':
    case 'host': {
      const host = args.find((a) => !a.startsWith('-'));
      return host ? [{ host, port: null, tool }] : null;
    }
    case 'getent':
      return args[0] === 'hosts' && args[1] ? [{ host: args[1], port: null, tool }] : null;
    case 'wait-for-it':
    case 'wait-for-it.sh':
    case 'wait-for':
    case 'wait-for.sh':
    case 'dockerize':
    case 'wait4x':
      return hostPorts(args, tool);
    default:
      return null;
  }
}

const TOOLS = new Set([
  ...['nc', 'ncat', 'netcat', 'telnet', 'wget', 'curl', 'pg_isready', 'mysqladmin', 'redis-cli'],
  ...['nslookup', 'host', 'getent', 'wait-for-it', 'wait-for-it.sh', 'wait-for', 'wait-for.sh'],
  ...['dockerize', 'wait4x'],
]);
const isTool = (word: string): boolean => TOOLS.has(word);

// Every URL's host and port (the scheme's when none is written).
function urlTargets(args: string[], tool: string): WaitTarget[] | null {
  const targets = args.flatMap((arg) => {
    const m = URL.exec(arg);
    if (!m) return [];
    const scheme = arg.slice(0, arg.indexOf(':')).toLowerCase();
    const implied = SCHEME_PORTS[scheme];
    return [{ host: m[1] ?? '', port: m[2] ? Number(m[2]) : implied || null, tool }];
  });
  return targets.length > 0 ? targets : null;
}

// `host:port` and `tcp://host:port` arguments of the wait tools.
function hostPorts(args: string[], tool: string): WaitTarget[] | null {
  const targets = args.flatMap((arg) => {
    const m = /^(?:[a-z]+:\/\/)?([A-Za-z0-9.-]+):(\d+)$/i.exec(arg.replace(/^--?[a-z-]+=/, ''));
    return m ? [{ host: m[1] ?? '', port: Number(m[2]), tool }] : [];
  });
  return targets.length > 0 ? targets : null;
}

// The value of an option written `-h value`, `-hvalue` or `--host=value`.
function option(args: string[], names: string[]): string | null {
  for (const [i, arg] of args.entries()) {
    for (const name of names) {
      if (arg === name) return args[i + 1] ?? null;
      if (name.startsWith('--') && arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      if (!name.startsWith('--') && arg.startsWith(name) && arg.length > name.length)
        return arg.slice(name.length);
    }
  }
  return null;
}

function unique(targets: WaitTarget[]): WaitTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = `${t.host}:${t.port ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
