import type { SourcePosition } from '../../../shared/diagnostics';
import type { Field } from '../../../shared/model';
import { isNull, type NodeReader } from '../../config/node-reader';
import type { YMap, YNode } from '../../config/yaml-tree';
import type { ConfigStore } from './config-data';
import {
  expandReferences,
  fieldRefValue,
  resourceFieldRefValue,
  type PodFacts,
} from './field-refs';
import { child, items, rangeOf } from './tree';
import type { EnvOrigin, SourceRange } from './types';

/** A container's environment as the kubelet builds it, with where each value came from. */
export interface ResolvedEnvironment {
  environment: Record<string, Field<string>>;
  /** Keys whose value came from a Secret, directly or through `$(VAR)`. */
  secretKeys: string[];
  origins: Record<string, EnvOrigin>;
}

interface Entry {
  value: string;
  source: SourcePosition;
  secret: boolean;
  origin: EnvOrigin;
}

type RefKind = 'configMapKeyRef' | 'secretKeyRef';

/**
 * Resolves a container's env as the kubelet does: every `envFrom` source in order (keys with
 * their `prefix`), then `env` in order, a later key replacing an earlier one; `$(VAR)` in a
 * `value` expands against what is defined before it. Positions: an `env` entry's value (or its
 * `valueFrom` key); for `envFrom`, which names no keys, the key in the ConfigMap or Secret.
 */
export function resolveEnvironment(
  container: YMap,
  pod: PodFacts,
  containerName: string,
  store: ConfigStore,
  reader: NodeReader,
  what: string,
): ResolvedEnvironment {
  const env = new Map<string, Entry>();
  const warned = new Set<string>();
  const missing = (subject: string, pos: SourcePosition, consequence: string): void => {
    if (warned.has(subject)) return;
    warned.add(subject);
    reader.report('warning', `found no ${subject} among the manifests; ${consequence}`, pos);
  };

  for (const item of items(child(container, 'envFrom'), `${what}.envFrom`, reader)) {
    const source = reader.map(item, `${what}.envFrom[]`);
    if (!source) continue;
    const prefix = reader.string(child(source, 'prefix'), 'envFrom.prefix') ?? '';
    for (const [refKey, kind] of [
      ['configMapRef', 'ConfigMap'],
      ['secretRef', 'Secret'],
    ] as const) {
      const ref = reader.map(child(source, refKey), `envFrom.${refKey}`);
      if (!ref) continue;
      const name = reader.string(child(ref, 'name'), `envFrom.${refKey}.name`);
      if (name === null) {
        reader.report('error', `found envFrom.${refKey} without a name`, ref.pos);
        continue;
      }
      const data = store.find(kind, name, pod.namespace);
      if (!data) {
        // An optional source that does not exist adds nothing; so does one Parity cannot see.
        if (!(reader.boolean(child(ref, 'optional'), 'optional') ?? false))
          missing(`${kind} "${name}"`, ref.pos, `${what} gets none of its keys`);
        continue;
      }
      const entry = rangeOf(item);
      for (const [key, value] of data.values) {
        env.set(prefix + key, {
          value: value.value,
          source: value.source,
          secret: kind === 'Secret',
          origin: origin(kind === 'Secret' ? 'secret' : 'configMap', entry, name, value.source),
        });
      }
    }
  }

  for (const item of items(child(container, 'env'), `${what}.env`, reader)) {
    const map = reader.map(item, `${what}.env[]`);
    if (!map) continue;
    const name = reader.string(child(map, 'name'), `${what}.env[].name`);
    if (name === null) {
      reader.report('error', `found an env entry without a name in ${what}`, map.pos);
      continue;
    }
    const entry = rangeOf(item);
    const from = map.entries.get('valueFrom');
    const literal = map.entries.get('value');
    if (from && !isNull(from.value)) {
      if (literal && !isNull(literal.value))
        reader.report('error', `env ${name} has both value and valueFrom`, literal.keyPos);
      const resolved = valueFrom(from.value, name, entry);
      if (resolved) env.set(name, { ...resolved, source: from.keyPos });
      continue;
    }
    const raw = literal ? (reader.string(literal.value, `env ${name}`) ?? '') : '';
    let secret = false;
    const value = expandReferences(raw, (ref) => {
      const earlier = env.get(ref);
      secret ||= earlier?.secret ?? false;
      return earlier?.value;
    });
    const source = literal && !isNull(literal.value) ? literal.value.pos : map.pos;
    env.set(name, { value, source, secret, origin: origin('value', entry, null, null) });
  }

  return {
    environment: Object.fromEntries(
      [...env].map(([key, e]) => [key, { value: e.value, source: e.source }]),
    ),
    secretKeys: [...env].filter(([, e]) => e.secret).map(([key]) => key),
    origins: Object.fromEntries([...env].map(([key, e]) => [key, e.origin])),
  };

  // One `valueFrom`; null when it sets nothing (an optional reference that is missing).
  function valueFrom(node: YNode, name: string, entry: SourceRange): Omit<Entry, 'source'> | null {
    const map = reader.map(node, `env ${name} valueFrom`);
    for (const refKey of ['configMapKeyRef', 'secretKeyRef'] as const) {
      const ref = reader.map(child(map, refKey), `valueFrom.${refKey}`);
      if (ref) return keyRef(refKey, ref, name, entry);
    }
    const field = reader.map(child(map, 'fieldRef'), 'valueFrom.fieldRef');
    if (field) {
      const path = reader.string(child(field, 'fieldPath'), 'fieldRef.fieldPath') ?? '';
      const got = fieldRefValue(path, pod);
      return { ...got, secret: false, origin: origin('fieldRef', entry, null, null, got.resolved) };
    }
    const resource = reader.map(child(map, 'resourceFieldRef'), 'valueFrom.resourceFieldRef');
    if (resource) {
      const text = (key: string): string | null =>
        reader.string(child(resource, key), `resourceFieldRef.${key}`);
      const divisor = child(resource, 'divisor');
      const got = resourceFieldRefValue(
        text('resource') ?? '',
        text('containerName') ?? containerName,
        divisor?.kind === 'scalar' && divisor.value !== null ? String(divisor.value) : null,
        pod,
      );
      if ('error' in got) {
        reader.report('error', got.error, resource.pos);
        return null;
      }
      return {
        ...got,
        secret: false,
        origin: origin('resourceFieldRef', entry, null, null, got.resolved),
      };
    }
    reader.report(
      'error',
      `found valueFrom for env ${name} with none of configMapKeyRef, secretKeyRef, fieldRef, resourceFieldRef`,
      node.pos,
    );
    return null;
  }

  function keyRef(
    refKey: RefKind,
    ref: YMap,
    name: string,
    entry: SourceRange,
  ): Omit<Entry, 'source'> | null {
    const kind = refKey === 'secretKeyRef' ? 'Secret' : 'ConfigMap';
    const object = reader.string(child(ref, 'name'), `${refKey}.name`) ?? '';
    const key = reader.string(child(ref, 'key'), `${refKey}.key`) ?? '';
    const secret = kind === 'Secret';
    const found = store.find(kind, object, pod.namespace)?.values.get(key);
    const from = secret ? 'secret' : 'configMap';
    if (found) {
      return { value: found.value, secret, origin: origin(from, entry, object, found.source) };
    }
    if (reader.boolean(child(ref, 'optional'), `${refKey}.optional`) ?? false) return null;
    const hasObject = store.find(kind, object, pod.namespace) !== null;
    missing(
      hasObject ? `key "${key}" in ${kind} "${object}"` : `${kind} "${object}"`,
      ref.pos,
      `env ${name} of ${what} gets a placeholder`,
    );
    return {
      value: `<${refKey}:${object}/${key}>`,
      secret,
      origin: origin(from, entry, object, null, false),
    };
  }
}

function origin(
  from: EnvOrigin['from'],
  entry: SourceRange,
  object: string | null,
  key: SourcePosition | null,
  resolved = true,
): EnvOrigin {
  return { from, entry, object, key, resolved };
}
