import { normalizeCapabilities } from '../../../shared/capabilities';
import type { Field, ServiceModel } from '../../../shared/model';
import type { NodeReader } from '../../config/node-reader';
import type { YMap, YNode } from '../../config/yaml-tree';
import { child, stringItems } from './tree';

/** What a container's securityContext (over its pod's) gives the model. */
export type ContainerSecurity = Pick<
  ServiceModel,
  'user' | 'capAdd' | 'capDrop' | 'readOnly' | 'privileged'
>;

/**
 * The main container's securityContext over the pod's. The user (`uid` or `uid:gid`) may be set
 * at either level; capabilities, readOnlyRootFilesystem and privileged exist only on the container, so the
 * pod's are never read. Capabilities are normalized as Compose's are, so `all` and `ALL`
 * compare equal; an empty list counts as not written.
 */
export function readContainerSecurity(
  container: YMap,
  spec: YMap | null,
  reader: NodeReader,
  what: string,
): ContainerSecurity {
  const own = reader.map(child(container, 'securityContext'), `${what}.securityContext`);
  const pod = reader.map(child(spec, 'securityContext'), 'pod securityContext');
  const capabilities = reader.map(
    child(own, 'capabilities'),
    `${what}.securityContext.capabilities`,
  );
  const caps = (key: 'add' | 'drop'): Field<string[]> | null => {
    const node = child(capabilities, key);
    const names = stringItems(node, `${what}.securityContext.capabilities.${key}`, reader);
    const value = normalizeCapabilities(names ?? []);
    return node && value.length > 0 ? { value, source: node.pos } : null;
  };
  const flag = (key: string): Field<boolean> | null => {
    const node = child(own, key);
    const value = reader.boolean(node, `${what}.securityContext.${key}`);
    return node && value !== null ? { value, source: node.pos } : null;
  };
  return {
    user: user(own, pod, reader),
    capAdd: caps('add'),
    capDrop: caps('drop'),
    readOnly: flag('readOnlyRootFilesystem'),
    privileged: flag('privileged'),
  };
}

// The container's runAsUser/runAsGroup over the pod's, as `uid` or `uid:gid`.
function user(own: YMap | null, pod: YMap | null, reader: NodeReader): Field<string> | null {
  const pick = (key: string): YNode | undefined => child(own, key) ?? child(pod, key);
  const uidNode = pick('runAsUser');
  const uid = reader.integer(uidNode, 'runAsUser');
  if (!uidNode || uid === null) return null;
  const gid = reader.integer(pick('runAsGroup'), 'runAsGroup');
  return { value: gid === null ? String(uid) : `${uid}:${gid}`, source: uidNode.pos };
}
