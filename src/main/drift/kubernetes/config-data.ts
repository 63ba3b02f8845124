import type { SourcePosition } from '../../../shared/diagnostics';
import { describe, isNull, type NodeReader } from '../../config/node-reader';
import type { YNode } from '../../config/yaml-tree';
import { sameNamespace, type K8sObject } from './objects';

/** One key of a ConfigMap or Secret: its value (Secret data decoded) and where the key is written. */
export interface ConfigValue {
  value: string;
  source: SourcePosition;
}

/** The keys of a ConfigMap or Secret, in the order written. */
export interface ConfigData {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  namespace: string | null;
  values: Map<string, ConfigValue>;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The ConfigMaps and Secrets of the inputs, looked up by kind, name and namespace. */
export class ConfigStore {
  // By kind and name: a workload looks up its sources among hundreds of objects.
  private readonly byName = new Map<string, ConfigData[]>();

  /** Reads a ConfigMap or Secret; other kinds are not its business. */
  add(object: K8sObject, reader: NodeReader): void {
    if ((object.kind !== 'ConfigMap' && object.kind !== 'Secret') || object.name === null) return;
    const values = new Map<string, ConfigValue>();
    const get = (key: string): YNode | undefined => object.node.entries.get(key)?.value;
    const what = `${object.kind} "${object.name}"`;
    for (const [key, entry] of reader.map(get('data'), `${what} data`)?.entries ?? []) {
      const text = stringValue(entry.value, `${what} data.${key}`, reader);
      if (text === null) continue;
      const value = object.kind === 'Secret' ? decode(text, entry.value, what, key, reader) : text;
      if (value !== null) values.set(key, { value, source: entry.keyPos });
    }
    // The API server merges stringData into data, stringData winning; Secrets only.
    if (object.kind === 'Secret') {
      for (const [key, entry] of reader.map(get('stringData'), `${what} stringData`)?.entries ??
        []) {
        const text = stringValue(entry.value, `${what} stringData.${key}`, reader);
        if (text !== null) values.set(key, { value: text, source: entry.keyPos });
      }
    }
    const key = `${object.kind}/${object.name}`;
    const data: ConfigData = {
      kind: object.kind,
      name: object.name,
      namespace: object.namespace,
      values,
    };
    this.byName.set(key, [...(this.byName.get(key) ?? []), data]);
  }

  /** The ConfigMap or Secret a workload in `namespace` refers to by `name`, if it is among the inputs. */
  find(kind: ConfigData['kind'], name: string, namespace: string | null): ConfigData | null {
    const candidates = this.byName.get(`${kind}/${name}`) ?? [];
    return (
      candidates.find((d) => d.namespace === namespace) ??
      candidates.find((d) => sameNamespace(d.namespace, namespace)) ??
      null
    );
  }
}

// The API server takes only strings: an unquoted number or boolean fails `kubectl apply`.
function stringValue(node: YNode, what: string, reader: NodeReader): string | null {
  if (isNull(node)) return '';
  if (node.kind !== 'scalar') {
    reader.report('error', `found ${describe(node)} for ${what}, expected a string`, node.pos);
    return null;
  }
  if (typeof node.value !== 'string') {
    reader.report(
      'warning',
      `found ${describe(node)} for ${what}, expected a string: quote it, or kubectl apply rejects it`,
      node.pos,
    );
  }
  return String(node.value);
}

function decode(
  text: string,
  node: YNode,
  what: string,
  key: string,
  reader: NodeReader,
): string | null {
  const compact = text.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 !== 0) {
    reader.report('error', `found data.${key} of ${what} that is not base64`, node.pos);
    return null;
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}
