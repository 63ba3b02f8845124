import type { VolumeMount as ModelVolumeMount } from '../../../shared/model';
import { parseBytes } from './bytes';
import { foundText, SyntaxValueError } from './syntax-error';
import { toBoolean } from './boolean';

/** A mount in Compose's long form; `image` carries the options of an image mount. */
export type VolumeMount = ModelVolumeMount & { image?: { subpath?: string } };

const SHORT_SYNTAX = 'a volume like "/data", "name:/data" or "./dir:/data:ro"';
const TYPES = ['volume', 'bind', 'tmpfs', 'npipe', 'cluster', 'image'] as const;
const PROPAGATIONS = ['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave'];
const KEYS: Readonly<Record<string, readonly string[]>> = {
  mount: [
    'type',
    'source',
    'target',
    'read_only',
    'consistency',
    'bind',
    'volume',
    'tmpfs',
    'image',
  ],
  bind: ['propagation', 'create_host_path', 'selinux', 'recursive'],
  volume: ['nocopy', 'subpath', 'labels'],
  tmpfs: ['size', 'mode'],
  image: ['subpath'],
};

/** A short-syntax mount ("/data", "name:/data", "./dir:/data:ro,z"); relative sources stay as written. */
export function parseVolumeShort(spec: string): VolumeMount {
  // compose-go's format.ParseVolume knows no platform: a drive letter ("C:\data") is never a
  // separator anywhere, and a source starting with ".", "/", "~", "\\" or a drive is a bind mount.
  if (spec === '') throw new SyntaxValueError(spec, SHORT_SYNTAX);
  // compose-go takes any spec of one or two bytes ("/a", ".") as a bare container path.
  if (new TextEncoder().encode(spec).length <= 2) {
    return { type: 'volume', source: null, target: cleanPath(spec), readOnly: false };
  }
  const { source, target, options } = splitShort(spec);
  const mount: VolumeMount = {
    type: isHostPath(source) ? 'bind' : 'volume',
    source: source || null,
    target: cleanPath(target),
    readOnly: false,
  };
  // Unknown options are ignored, as Compose does; bind options count even on a named volume.
  for (const option of options ? options.split(',') : []) {
    if (option === 'ro' || option === 'rw') mount.readOnly = option === 'ro';
    else if (option === 'nocopy') mount.volume = { nocopy: true };
    else if (option === 'z' || option === 'Z') mount.bind = { ...mount.bind, selinux: option };
    else if (PROPAGATIONS.includes(option)) mount.bind = { ...mount.bind, propagation: option };
  }
  // The short syntax creates a missing host directory, for compatibility with docker-compose v1.
  if (mount.type === 'bind') mount.bind = { ...mount.bind, createHostPath: true };
  return mount;
}

/** A long-syntax mount (`type`, `source`, `target`, `read_only`, `bind`, `volume`, `tmpfs`, `image`). */
export function normalizeVolumeLong(obj: Record<string, unknown>): VolumeMount {
  checkKeys(obj, 'mount');
  const type = TYPES.find((candidate) => candidate === obj.type);
  if (!type) throw new SyntaxValueError(foundText(obj.type), `a mount type: ${TYPES.join(', ')}`);
  if (typeof obj.target !== 'string' || obj.target === '') {
    throw new SyntaxValueError(foundText(obj.target), 'a mount target: the path in the container');
  }
  const mount: VolumeMount = {
    type,
    source: optionalString(obj.source, 'source') || null,
    // Unlike the short syntax, compose-go leaves a long-syntax target as written.
    target: obj.target,
    readOnly: toBoolean(obj.read_only, 'read_only') ?? false,
  };
  const bind = section(obj.bind, 'bind');
  if (bind) mount.bind = bindOptions(bind);
  const volume = section(obj.volume, 'volume');
  if (volume) {
    mount.volume = {};
    const nocopy = toBoolean(volume.nocopy, 'volume.nocopy');
    if (nocopy !== undefined) mount.volume.nocopy = nocopy;
    const subpath = optionalString(volume.subpath, 'volume.subpath');
    if (subpath !== undefined) mount.volume.subpath = subpath;
  }
  const tmpfs = section(obj.tmpfs, 'tmpfs');
  if (tmpfs) {
    mount.tmpfs = {};
    if (tmpfs.size !== undefined && tmpfs.size !== null) mount.tmpfs.size = toSize(tmpfs.size);
    if (tmpfs.mode !== undefined && tmpfs.mode !== null) mount.tmpfs.mode = toMode(tmpfs.mode);
  }
  const image = section(obj.image, 'image');
  if (image) {
    mount.image = {};
    const subpath = optionalString(image.subpath, 'image.subpath');
    if (subpath !== undefined) mount.image.subpath = subpath;
  }
  return mount;
}

// Source, target and options between colons; a letter followed by a colon is a drive.
function splitShort(spec: string): { source: string; target: string; options: string } {
  const fields = { source: '', target: '', options: '' };
  let buffer = '';
  const chars = [...spec];
  for (let i = 0; i <= chars.length; i++) {
    const char = chars[i];
    if (char === ':' && isDriveLetter(buffer)) {
      buffer += char;
      continue;
    }
    if (char !== undefined && char !== ':') {
      buffer += char;
      continue;
    }
    if (buffer === '') {
      throw new SyntaxValueError(spec, `${SHORT_SYNTAX}, with no empty part between colons`);
    }
    // A single part is the container path of an anonymous volume.
    if (fields.source === '' && char === undefined) fields.target = buffer;
    else if (fields.source === '') fields.source = buffer;
    else if (fields.target === '') fields.target = buffer;
    else if (char === undefined) fields.options = buffer;
    else throw new SyntaxValueError(spec, `${SHORT_SYNTAX}, with at most two colons`);
    buffer = '';
  }
  return fields;
}

function isDriveLetter(text: string): boolean {
  return /^\p{L}$/u.test(text);
}

function isHostPath(source: string): boolean {
  if (source === '') return false;
  if ('./~'.includes(source.charAt(0)) || source.startsWith('\\\\')) return true;
  const [first = '', second] = [...source];
  return isDriveLetter(first) && second === ':';
}

// Go's path.Clean, which compose-go applies to a short-syntax target ("/etc/configs/" -> "/etc/configs").
function cleanPath(path: string): string {
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.length > 0 && parts.at(-1) !== '..') parts.pop();
    else if (!rooted) parts.push('..');
  }
  const joined = parts.join('/');
  if (rooted) return `/${joined}`;
  return joined || '.';
}

function bindOptions(bind: Record<string, unknown>): NonNullable<VolumeMount['bind']> {
  // A `bind:` mapping creates a missing host path unless it says otherwise; a long-syntax bind
  // mount without one does not.
  const options: NonNullable<VolumeMount['bind']> = {
    createHostPath: toBoolean(bind.create_host_path, 'bind.create_host_path') ?? true,
  };
  const propagation = optionalString(bind.propagation, 'bind.propagation');
  if (propagation !== undefined) options.propagation = propagation;
  if (bind.selinux !== undefined) {
    if (bind.selinux !== 'z' && bind.selinux !== 'Z') {
      throw new SyntaxValueError(foundText(bind.selinux), 'an SELinux option: z or Z');
    }
    options.selinux = bind.selinux;
  }
  return options;
}

function section(value: unknown, key: string): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new SyntaxValueError(foundText(value), `a mapping for ${key}`);
  }
  const map = value as Record<string, unknown>;
  checkKeys(map, key);
  return map;
}

function checkKeys(map: Record<string, unknown>, section: string): void {
  const known = KEYS[section] ?? [];
  for (const key of Object.keys(map)) {
    if (!known.includes(key) && !key.startsWith('x-')) {
      throw new SyntaxValueError(key, `a key of ${section}: ${known.join(', ')}`);
    }
  }
}

// A tmpfs size in bytes: a number, or a size with a unit ("64m").
function toSize(value: unknown): number {
  if (typeof value !== 'number' && typeof value !== 'string') {
    throw new SyntaxValueError(foundText(value), 'a tmpfs size, like "64m"');
  }
  return parseBytes(value);
}

// A file mode. Text is read the way Go's YAML reads an unquoted integer (strconv base 0), so
// "01777", "0o1777" and "1023" are the same mode.
function toMode(value: unknown): number {
  const mode =
    typeof value === 'number' ? value : typeof value === 'string' ? goInteger(value) : null;
  if (mode === null || !Number.isInteger(mode) || mode < 0 || mode > 0xffffffff) {
    throw new SyntaxValueError(foundText(value), 'a file mode, like 0o1777');
  }
  return mode;
}

function goInteger(text: string): number | null {
  if (/^0[xX][\da-fA-F]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^0[oO][0-7]+$/.test(text)) return Number.parseInt(text.slice(2), 8);
  if (/^0[bB][01]+$/.test(text)) return Number.parseInt(text.slice(2), 2);
  if (/^0[0-7]*$/.test(text)) return Number.parseInt(text, 8);
  return /^[1-9]\d*$/.test(text) ? Number(text) : null;
}

function optionalString(value: unknown, key: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new SyntaxValueError(foundText(value), `a string for ${key}`);
  }
  return value;
}
