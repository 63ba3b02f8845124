import { normalizeCapabilities } from '../../shared/capabilities';
import type { Field, ServiceModel } from '../../shared/model';
import { isNull } from './node-reader';
import type { NodeReader } from './node-reader';
import type { YNode } from './yaml-tree';

/** The security settings of a Compose service that the model holds. */
export type ServiceSecurity = Pick<ServiceModel, 'capAdd' | 'capDrop' | 'readOnly' | 'privileged'>;

/**
 * `cap_add`, `cap_drop`, `read_only` and `privileged` of a service. Capabilities are normalized so that
 * `all`, `ALL` and `CAP_ALL` compare equal with Kubernetes' spelling; an empty list is as good
 * as none written. Each keeps the position of its key's value.
 */
export function normalizeSecurity(
  get: (key: string) => YNode | undefined,
  reader: NodeReader,
): ServiceSecurity {
  const caps = (key: string): ServiceModel['capAdd'] => {
    const node = get(key);
    if (!node || isNull(node)) return null;
    const value = normalizeCapabilities(reader.stringList(node, key).map((item) => item.value));
    return value.length > 0 ? { value, source: node.pos } : null;
  };
  const flag = (key: string): Field<boolean> | null => {
    const node = get(key);
    const value = reader.boolean(node, key);
    return node && value !== null ? { value, source: node.pos } : null;
  };
  return {
    capAdd: caps('cap_add'),
    capDrop: caps('cap_drop'),
    readOnly: flag('read_only'),
    privileged: flag('privileged'),
  };
}
