import { parseCpuQuantity, parseQuantity } from './quantity';

/** What the manifest fixes about a pod, for the downward API (`fieldRef`, `resourceFieldRef`). */
export interface PodFacts {
  /** Known only for a bare Pod: controllers generate their pods' names. */
  name: string | null;
  /** The template's or the workload's namespace; null when left to `kubectl -n`. */
  namespace: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  serviceAccountName: string;
  /** A container's `resources.<limits|requests>.<name>` as written, or null. */
  resource: (
    container: string,
    kind: 'limits' | 'requests',
    name: string,
  ) => string | number | null;
}

/** A downward-API value: resolved, or a `<fieldRef:...>` placeholder the cluster fills in. */
export interface DownwardValue {
  value: string;
  resolved: boolean;
}

const SUBSCRIPT = /^metadata\.(labels|annotations)\[(['"])(.*)\2\]$/;

/** The value of `valueFrom.fieldRef.fieldPath` where the manifest determines it. */
export function fieldRefValue(fieldPath: string, pod: PodFacts): DownwardValue {
  const known = (value: string | null): DownwardValue =>
    value === null ? placeholder('fieldRef', fieldPath) : { value, resolved: true };
  const subscript = SUBSCRIPT.exec(fieldPath);
  if (subscript) {
    const [, map, , key = ''] = subscript;
    // The kubelet gives an empty string for a label or annotation the pod does not have.
    return known((map === 'labels' ? pod.labels : pod.annotations)[key] ?? '');
  }
  switch (fieldPath) {
    case 'metadata.name':
      return known(pod.name);
    case 'metadata.namespace':
      return known(pod.namespace);
    case 'spec.serviceAccountName':
      return known(pod.serviceAccountName);
    default:
      // metadata.uid, spec.nodeName, status.podIP, status.hostIP, ...: known only at run time.
      return placeholder('fieldRef', fieldPath);
  }
}

/**
 * The value of `valueFrom.resourceFieldRef` as the kubelet computes it: the quantity divided by
 * the divisor, rounded up. A limit that is not written is the node's capacity: a placeholder.
 */
export function resourceFieldRefValue(
  resource: string,
  container: string,
  divisor: string | number | null,
  pod: PodFacts,
): DownwardValue | { error: string } {
  const dot = resource.indexOf('.');
  const kind = resource.slice(0, dot);
  const name = resource.slice(dot + 1);
  if (dot < 0 || (kind !== 'limits' && kind !== 'requests')) {
    return { error: `found resource "${resource}", expected limits.<name> or requests.<name>` };
  }
  // Defaulting copies a limit into a request that is not written.
  const written = pod.resource(container, kind, name) ?? pod.resource(container, 'limits', name);
  if (written === null) return placeholder('resourceFieldRef', resource);
  const cpu = name === 'cpu';
  const parse = cpu ? parseCpuQuantity : parseQuantity;
  const amount = parse(written);
  const by = parse(divisor ?? '1');
  if (amount === null || by === null || by <= 0) {
    return { error: `found a quantity in resourceFieldRef "${resource}" that cannot be read` };
  }
  // CPU divides millicores, as the kubelet does, so "250m" over "1m" is exactly 250.
  const ratio = cpu ? Math.round(amount * 1000) / Math.round(by * 1000) : amount / by;
  return { value: String(Math.ceil(Number(ratio.toPrecision(15)))), resolved: true };
}

function placeholder(kind: 'fieldRef' | 'resourceFieldRef', path: string): DownwardValue {
  return { value: `<${kind}:${path}>`, resolved: false };
}

/**
 * Kubernetes' `$(VAR)` expansion (k8s.io/kubernetes third_party/forked/golang/expansion):
 * `$(NAME)` becomes the value when `lookup` knows it and stays as written when not; `$$`
 * becomes `$`, so `$$(NAME)` is the literal `$(NAME)`; any other `$` is kept.
 */
export function expandReferences(
  input: string,
  lookup: (name: string) => string | undefined,
): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const next = input[cursor + 1];
    let advance = 1;
    if (next === '$') out += '$';
    else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close < 0) out += '$(';
      else {
        const name = input.slice(cursor + 2, close);
        out += lookup(name) ?? `$(${name})`;
        advance = close - cursor;
      }
    } else out += `$${next}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}
