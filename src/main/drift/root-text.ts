import type { Finding } from '../../shared/drift';

/** A root cause: a finding (or a rename) and which pairs of values it explains. */
export interface Root {
  /** The root finding's id, or a `map` root's. */
  id: string;
  /** The root finding itself; absent for a rename (`map:`), which is no finding. */
  finding?: Finding;
  /** Why a candidate is a symptom of this root, in words; null when it is not one. */
  explains: (dev: string, prod: string) => string | null;
  /** Lower-case names, one of which the dev value must hold as a word for `explains` to say yes. */
  names?: string[];
}

// The tests below compile their regular expression once, when a root is made: every root is
// asked about every changed env value, a few hundred in a large project.
/** Whether a value names something. */
export type Test = (value: string) => boolean;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A host name: the service's name as a whole label, alone or as the first label of a longer
// name (`api`, `api.shop.svc.cluster.local`), not inside another name (`order-api`).
function hostPattern(name: string): string {
  return `(?<![A-Za-z0-9_.-])${escape(name)}(?:\\.[A-Za-z0-9-]+)*`;
}

/** Whether a value names a host, alone or as the first label of a longer name. */
export function hostTest(name: string): Test {
  const re = new RegExp(`${hostPattern(name)}(?![A-Za-z0-9_-])`, 'i');
  return (value) => re.test(value);
}

/** Whether a value names one of the hosts at a port: `api:8081`, `api.shop.svc:8081`. */
export function hostPortTest(hosts: readonly string[], port: string): Test {
  const res = hosts.map((host) => new RegExp(`${hostPattern(host)}:${port}(?!\\d)`, 'i'));
  return (value) => res.some((re) => re.test(value));
}

// A version as a token: not inside a longer number (`15` is not in `8150` nor in `1.15`).
/** A version as a regular expression source, not inside a longer number. */
export function versionPattern(version: string): string {
  return `(?<![\\d.])${escape(version)}(?!\\.?\\d)`;
}

/** Whether a value names a version as a token. */
export function versionTest(version: string): Test {
  const re = new RegExp(versionPattern(version));
  return (value) => value.includes(version) && re.test(value);
}

/** Whether a value names a word as a token. */
export function wordTest(word: string): Test {
  const re = new RegExp(`(?<![A-Za-z0-9])${escape(word)}(?![A-Za-z])`, 'i');
  return (value) => re.test(value);
}

/**
 * Whether a value names one of the hosts at a port, written or implied by its URL's scheme
 * (`http://api` is `api:80`).
 */
export function hostPortOrDefaultTest(hosts: readonly string[], port: string): Test {
  const written = hostPortTest(hosts, port);
  const schemes = port === '80' ? 'http|ws' : port === '443' ? 'https|wss' : null;
  if (schemes === null) return written;
  const res = hosts.map(
    (host) =>
      new RegExp(`(?:${schemes})://(?:[^@/\\s]*@)?${hostPattern(host)}(?![A-Za-z0-9_:-])`, 'i'),
  );
  return (value) => written(value) || (value.includes('://') && res.some((re) => re.test(value)));
}
