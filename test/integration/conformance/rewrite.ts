import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';

/** The only image this engine has; every service runs it. */
export const CONFORMANCE_IMAGE = 'busybox:1.37';

/**
 * Keeps any container alive whatever `command:` the service has: `sh -c` runs the script and
 * takes the command's words as $0, $1... which it ignores, so the original command still
 * reaches the container's Cmd and can be compared.
 */
export const KEEP_ALIVE_ENTRYPOINT = ['sh', '-c', 'exec sleep 3600', 'keep-alive'];

/** Where absolute host paths of bind mounts move, inside the copy: no test writes outside it. */
export const HOST_ROOT = '_host';

/** Host paths that exist on every engine host and are safe to mount as they are. */
const KEPT_HOST_PATHS = new Set(['/var/run/docker.sock']);

/**
 * Rewrites a compose file's text so it runs here: every image becomes busybox, builds are
 * dropped, commands kept alive, health checks made to pass (and not waited for), ports on
 * 127.0.0.1 and ephemeral host ports, absolute bind sources moved into the copy. Works on the parsed document
 * so comments and everything else stay as written; both tools then read the same text.
 */
export function rewriteComposeText(text: string): string {
  const doc = parseDocument(text, { merge: true, uniqueKeys: false });
  if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('\n'));
  const services = doc.get('services');
  if (isMap(services)) {
    for (const pair of services.items) {
      if (isMap(pair.value)) rewriteService(doc, pair.value);
    }
  }
  return doc.toString({ lineWidth: 0 });
}

/** Copies a project folder and rewrites its compose file in the copy; returns the copy's file. */
export function copyRewritten(sourceDir: string, composeFile: string, targetDir: string): string {
  cpSync(sourceDir, targetDir, { recursive: true });
  const file = join(targetDir, composeFile);
  writeFileSync(file, rewriteComposeText(readFileSync(file, 'utf8')));
  return file;
}

function rewriteService(doc: Document, service: YAMLMap): void {
  // Fixtures written for this engine already run busybox with a command that stays up.
  const ownFixture = service.get('image') === CONFORMANCE_IMAGE && !service.has('build');
  service.delete('build');
  service.set('image', CONFORMANCE_IMAGE);
  if (!ownFixture) service.set('entrypoint', doc.createNode(KEEP_ALIVE_ENTRYPOINT, { flow: true }));
  const health = service.get('healthcheck');
  if (isMap(health) && health.get('disable') !== true && health.has('test')) {
    health.set('test', doc.createNode(['CMD', 'true'], { flow: true }));
  }
  // Waiting for health costs each tool the check's interval (often 10-30 s) per step of the
  // chain, a kept-alive command never completes, and the order of start is not what is
  // compared: every dependency is only waited for to start.
  const dependsOn = service.get('depends_on');
  if (isMap(dependsOn)) {
    for (const pair of dependsOn.items) {
      if (isMap(pair.value) && pair.value.has('condition')) {
        pair.value.set('condition', 'service_started');
      }
    }
  }
  const ports = service.get('ports');
  if (isSeq(ports)) {
    ports.items = ports.items.map((item) =>
      isMap(item) ? rewriteLongPort(doc, item) : rewriteShortPort(doc, item),
    );
  }
  const volumes = service.get('volumes');
  if (isSeq(volumes)) {
    volumes.items = volumes.items.map((item) =>
      isMap(item) ? rewriteLongVolume(item) : rewriteShortVolume(doc, item),
    );
  }
}

/**
 * The long form becomes the short one: docker-compose 1.29 rejects `host_ip` in it, and only
 * the short form can bind it to 127.0.0.1 there.
 */
function rewriteLongPort(doc: Document, port: YAMLMap): unknown {
  const target = port.get('target');
  const protocol = port.get('protocol');
  if (typeof target !== 'number' && typeof target !== 'string') return port;
  return rewriteShortPort(doc, typeof protocol === 'string' ? `${target}/${protocol}` : target);
}

/** `[ip:][host:]container[/proto]` -> `127.0.0.1::container[/proto]`. */
function rewriteShortPort(doc: Document, item: unknown): unknown {
  const value = isScalar(item) ? item.value : item;
  if (typeof value !== 'string' && typeof value !== 'number') return item;
  const [spec = '', protocol] = String(value).split('/');
  const container = spec.split(':').at(-1) ?? spec;
  return doc.createNode(`127.0.0.1::${container}${protocol ? `/${protocol}` : ''}`);
}

function rewriteLongVolume(volume: YAMLMap): YAMLMap {
  const source = volume.get('source');
  if (volume.get('type') === 'bind' && typeof source === 'string') {
    volume.set('source', hostPath(source));
  }
  return volume;
}

function rewriteShortVolume(doc: Document, item: unknown): unknown {
  const value = isScalar(item) ? item.value : item;
  if (typeof value !== 'string') return item;
  const [source = '', ...rest] = value.split(':');
  if (rest.length === 0 || !isAbsolute(source)) return item;
  return doc.createNode([hostPath(source), ...rest].join(':'));
}

/** An absolute host path moved under the copy (`./_host/etc/x`); relative and `~` paths stay. */
function hostPath(source: string): string {
  if (!isAbsolute(source) || KEPT_HOST_PATHS.has(source)) return source;
  return `./${HOST_ROOT}${source}`;
}
