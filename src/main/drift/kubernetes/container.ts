import { parseImageRef } from '../../../shared/image-ref';
import type { Field, ServiceModel } from '../../../shared/model';
import type { NodeReader } from '../../config/node-reader';
import type { ConfigStore } from './config-data';
import { resolveEnvironment, type ResolvedEnvironment } from './environment';
import { expandReferences } from './field-refs';
import { readResources, type PodTemplate, type TemplateContainer } from './pod-template';
import { readMounts, type MountsRead } from './pod-volumes';
import { readProbe, type ProbeRead } from './probe';
import { readContainerSecurity } from './security-context';
import type { ContainerPort } from './service-ports';
import { child, stringItems } from './tree';

/** The fields of a service that one container of a pod gives, whichever container it is. */
export type ContainerFields = Pick<
  ServiceModel,
  | 'image'
  | 'command'
  | 'entrypoint'
  | 'environment'
  | 'volumes'
  | 'healthcheck'
  | 'limits'
  | 'reservations'
  | 'user'
  | 'capAdd'
  | 'capDrop'
  | 'readOnly'
  | 'privileged'
>;

/** One container read, with what the model cannot hold. */
export interface ContainerRead {
  fields: ContainerFields;
  env: ResolvedEnvironment;
  probe: ProbeRead | null;
  mounts: MountsRead;
}

/**
 * A container of a pod template (the main one, a sidecar or an init container) read with the
 * same readers whichever it is: image, command (`args`) and entrypoint (`command`), env, probes,
 * resources, mounts and securityContext (over the pod's). `what` names it in diagnostics.
 */
export function readContainer(
  container: TemplateContainer & { ports: ContainerPort[] },
  template: PodTemplate,
  store: ConfigStore,
  claimTemplates: ReadonlySet<string>,
  reader: NodeReader,
  what: string,
): ContainerRead {
  const env = resolveEnvironment(
    container.node,
    template.facts,
    container.name,
    store,
    reader,
    what,
  );
  const secret = new Set(env.secretKeys);
  // The kubelet expands $(VAR) in command and args too; a secret is left unexpanded so that
  // its value never shows in a command line.
  const expand = (args: string[]): string[] =>
    args.map((arg) =>
      expandReferences(arg, (key) => (secret.has(key) ? undefined : env.environment[key]?.value)),
    );
  const list = (key: string): Field<string[]> | null => {
    const node = child(container.node, key);
    const value = stringItems(node, `${what}.${key}`, reader);
    return node && value ? { value: expand(value), source: node.pos } : null;
  };
  const probe = readProbe(container.node, container.ports, reader, what);
  const mounts = readMounts(container.node, template.spec, claimTemplates, reader, what);
  return {
    fields: {
      image: image(container, reader, what),
      // Kubernetes `command` replaces the image's ENTRYPOINT, `args` its CMD.
      command: list('args'),
      entrypoint: list('command'),
      environment: env.environment,
      volumes: mounts.mounts,
      healthcheck: probe?.healthcheck ?? null,
      limits: readResources(container.node, 'limits', reader),
      reservations: readResources(container.node, 'requests', reader),
      ...readContainerSecurity(container.node, template.spec, reader, what),
    },
    env,
    probe,
    mounts,
  };
}

function image(
  container: TemplateContainer,
  reader: NodeReader,
  what: string,
): ServiceModel['image'] {
  const node = child(container.node, 'image');
  const raw = reader.string(node, `${what}.image`);
  if (!node || raw === null) {
    reader.report('error', `found ${what} without an image`, container.node.pos);
    return null;
  }
  return { value: parseImageRef(raw), source: node.pos };
}
