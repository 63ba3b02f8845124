import { resolve } from 'node:path';
import type { ContainerSettings, Field, LoggingConfig, Ulimit } from '../../shared/model';
import type { NodeReader } from './node-reader';
import { readRepositoryText } from './read-text';
import { isNull } from './node-reader';
import type { ServiceContext } from './normalize-service';
import { parseBytes } from './syntax/bytes';
import { parseDevice, parseExpose, parseUlimit } from './syntax/container-options';
import { syntax } from './service-syntax';
import { toPlain, type YNode } from './yaml-tree';

/**
 * The container settings of a Compose service that drift does not compare (`expose`, `logging`,
 * `ulimits`, `dns*`, `security_opt`, `shm_size`, `sysctls`, `stdin_open`, `tty`, `platform`,
 * `runtime`, `devices`, `pull_policy`), each with the position of its value; problems are
 * diagnostics there.
 */
export function normalizeContainerSettings(
  get: (key: string) => YNode | undefined,
  ctx: ServiceContext,
  unsetEnvironment: Field<string>[],
): Omit<ContainerSettings, 'notApplied'> {
  const { reader } = ctx;
  const at = <T>(key: string, read: (node: YNode) => T | null): Field<T> | null => {
    const node = get(key);
    if (!node || isNull(node)) return null;
    const value = read(node);
    return value === null ? null : { value, source: node.pos };
  };
  const strings = (key: string): Field<string[]> | null =>
    at(key, (n) => nonEmpty(reader.stringList(n, key).map(({ value }) => value)));
  return {
    expose: at('expose', (n) => nonEmpty(exposed(n, ctx))),
    logging: at('logging', (n) => logging(n, reader)),
    ulimits: at('ulimits', (n) => ulimits(n, ctx)),
    dns: strings('dns'),
    dnsSearch: strings('dns_search'),
    dnsOpt: strings('dns_opt'),
    securityOpt: at('security_opt', (n) => nonEmpty(securityOptions(n, ctx))),
    shmSizeBytes: at('shm_size', (n) => syntax(ctx, n, () => parseBytes(scalar(n)))),
    sysctls: at('sysctls', (n) => {
      const entries = reader.keyValues(n, 'sysctls');
      return entries.length > 0
        ? Object.fromEntries(entries.map(({ key, value }) => [key, value ?? '']))
        : null;
    }),
    stdinOpen: at('stdin_open', (n) => reader.boolean(n, 'stdin_open')),
    tty: at('tty', (n) => reader.boolean(n, 'tty')),
    platform: at('platform', (n) => reader.string(n, 'platform')),
    runtime: at('runtime', (n) => reader.string(n, 'runtime')),
    devices: at('devices', (n) =>
      nonEmpty(
        items(n, reader, 'devices').flatMap(
          (item) => syntax(ctx, item, () => [parseDevice(toPlain(item))]) ?? [],
        ),
      ),
    ),
    pullPolicy: at('pull_policy', (n) => pullPolicy(n, reader)),
    unsetEnvironment,
  };
}

// compose-go's values; `if_not_present` is its other name for `missing`.
function pullPolicy(node: YNode, reader: NodeReader): string | null {
  const value = reader.string(node, 'pull_policy');
  if (value === null) return null;
  if (value === 'if_not_present') return 'missing';
  if (
    ['always', 'never', 'missing', 'build', 'daily', 'weekly'].includes(value) ||
    /^every_(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(value)
  ) {
    return value;
  }
  reader.report(
    'error',
    `found "${value}" for pull_policy, expected always, never, missing, build, daily, weekly or every_<duration> (like every_12h)`,
    node.pos,
  );
  return null;
}

function nonEmpty<T>(list: T[]): T[] | null {
  return list.length > 0 ? list : null;
}

function scalar(node: YNode): string | number {
  const plain = toPlain(node);
  return typeof plain === 'number' ? plain : String(plain);
}

function items(node: YNode, reader: NodeReader, what: string): YNode[] {
  if (node.kind === 'seq') return node.items;
  reader.report(
    'error',
    `found ${node.kind === 'map' ? 'a mapping' : 'a string'} for ${what}, expected a list`,
    node.pos,
  );
  return [];
}

// Ports and ranges, each once, in the order written.
function exposed(node: YNode, ctx: ServiceContext): string[] {
  const list = node.kind === 'seq' ? node.items : [node];
  const ports = list.flatMap((item) => {
    if (item.kind !== 'scalar' || item.value === null) {
      ctx.reader.report('error', 'found a mapping or a list for expose, expected a port', item.pos);
      return [];
    }
    return syntax(ctx, item, () => parseExpose(scalar(item))) ?? [];
  });
  return [...new Set(ports)];
}

function logging(node: YNode, reader: NodeReader): LoggingConfig | null {
  const map = reader.map(node, 'logging');
  if (!map) return null;
  for (const [key, entry] of map.entries) {
    if (key !== 'driver' && key !== 'options') {
      reader.report('warning', `unknown key "${key}" in logging (driver, options)`, entry.keyPos);
    }
  }
  const driver = reader.string(map.entries.get('driver')?.value, 'logging.driver');
  const options = reader.keyValues(map.entries.get('options')?.value, 'logging.options');
  return {
    driver,
    options: Object.fromEntries(options.map(({ key, value }) => [key, value ?? ''])),
  };
}

function ulimits(node: YNode, ctx: ServiceContext): Record<string, Ulimit> | null {
  const map = ctx.reader.map(node, 'ulimits');
  if (!map) return null;
  const limits = [...map.entries].flatMap(([name, entry]) => {
    const limit = syntax(ctx, entry.value, () => parseUlimit(toPlain(entry.value)));
    return limit ? [[name, limit] as const] : [];
  });
  return limits.length > 0 ? Object.fromEntries(limits) : null;
}

/**
 * `security_opt` as Compose passes it: as written, except that a seccomp profile file is named
 * by its absolute path (`seccomp=/abs/profile.json`; the engine is sent its JSON) and must be
 * JSON, and that a value without `=` or `:` other than no-new-privileges is refused, as Compose
 * refuses it.
 */
function securityOptions(node: YNode, ctx: ServiceContext): string[] {
  return ctx.reader.stringList(node, 'security_opt').flatMap(({ value, node: item }) => {
    if (value === 'no-new-privileges' || value === 'systempaths=unconfined') return [value];
    const match = /^([^=:]+)[=:](.*)$/s.exec(value);
    if (!match) {
      ctx.reader.report(
        'error',
        `found "${value}" for security_opt, expected KEY=VALUE or KEY:VALUE (like "seccomp=unconfined" or "label=disable")`,
        item.pos,
      );
      return [];
    }
    const [, key = '', option = ''] = match;
    if (key !== 'seccomp' || option === 'unconfined' || option === 'builtin') return [value];
    const path = resolve(ctx.workingDir, option);
    try {
      JSON.parse(readRepositoryText(path));
    } catch (error) {
      const why = error instanceof SyntaxError ? 'it is not JSON' : 'it cannot be read';
      ctx.reader.report(
        'error',
        `found seccomp profile "${option}" for security_opt, but ${why}: expected a JSON seccomp profile (a path relative to the compose file), unconfined or builtin`,
        item.pos,
      );
      return [];
    }
    return [`seccomp=${path}`];
  });
}
