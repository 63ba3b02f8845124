import { isDeepStrictEqual } from 'node:util';
import { ABSENT, type Fields } from './inspect-normalise';

/** The containers one tool left running for a project, by `service#number`. */
export type Containers = Record<string, Fields>;

/** One field that differs between Parity and docker-compose for one container. */
export interface Difference {
  project: string;
  /** `service#number`, or `(up)` for how the `up` itself ended. */
  container: string;
  field: string;
  parity: unknown;
  compose: unknown;
}

/** Every field that differs, container by container; a container one tool lacks is one row. */
export function compareContainers(
  project: string,
  parity: Containers,
  compose: Containers,
): Difference[] {
  const differences: Difference[] = [];
  for (const container of union(parity, compose)) {
    const ours = parity[container];
    const theirs = compose[container];
    if (!ours || !theirs) {
      differences.push({
        project,
        container,
        field: 'container',
        parity: ours ? 'created' : ABSENT,
        compose: theirs ? 'created' : ABSENT,
      });
      continue;
    }
    for (const field of union(ours, theirs)) {
      const a = field in ours ? ours[field] : ABSENT;
      const b = field in theirs ? theirs[field] : ABSENT;
      if (!isDeepStrictEqual(a, b))
        differences.push({ project, container, field, parity: a, compose: b });
    }
  }
  return differences;
}

function union(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

/** A value as one short line for the report. */
export function show(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : JSON.stringify(value);
}
