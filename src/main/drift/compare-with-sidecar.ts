import type { ServiceModel } from '../../shared/model';
import { parseImageRef } from '../../shared/image-ref';
import { isSecretName } from '../../shared/secrets';
import {
  compareImage,
  compareService,
  type CompareContext,
  type RawFinding,
} from './compare-service';

/**
 * A dev service that production runs as a sidecar or init container of another service's pod
 * (a match by `sidecar`): being a service of its own on the laptop is how the platforms differ,
 * shown as expected; the container itself is compared with it as any paired service is (image,
 * env, command, resources, user, health, security, ports, volumes), by the same comparers.
 * `ownsPod`: paired by the container's name (no other dev service has the pod), so the pod's
 * other containers are compared too, as containers beside it.
 */
export function compareWithSidecar(
  dev: ServiceModel,
  pod: ServiceModel,
  ctx: Omit<CompareContext, 'secretKeys'>,
  ownsPod = false,
): RawFinding[] {
  const onEquivalent = (path: string): void => ctx.onEquivalent?.(path);
  const sidecar = pod.sidecars[dev.name];
  if (!sidecar) return [];
  const role = sidecar.value.role === 'init' ? 'init container' : 'sidecar container';
  const findings: RawFinding[] = [
    {
      service: dev.name,
      path: 'service',
      kind: 'changed',
      category: 'topology',
      severity: 'info',
      rule: `a service of its own on the laptop, a ${role} of ${pod.name} in production`,
      secret: false,
      dev: { value: 'service', source: dev.source },
      prod: { value: `${role} of ${pod.name}`, source: sidecar.source },
      expected: 'Compose has no pods: a container that runs beside another is a service there',
    },
  ];
  const container = sidecar.value.container;
  if (container) {
    const keys = [...Object.keys(dev.environment), ...Object.keys(container.environment)];
    const secretKeys = new Set([...(sidecar.value.secretKeys ?? []), ...keys.filter(isSecretName)]);
    // Paired by its own name, the pod is this service's: the pod's other containers, its main
    // one included, run beside it, as sidecars do beside a main container.
    const view = ownsPod ? { ...container, sidecars: besides(dev.name, pod) } : container;
    findings.push(...compareService(dev.name, dev, view, { ...ctx, secretKeys }));
    return findings;
  }
  // A source that keeps only the container's image (no pod spec read): that much is compared.
  const image = sidecar.value.image;
  const before = findings.length;
  compareImage(
    dev.name,
    dev,
    { image: image ? { value: parseImageRef(image), source: sidecar.source } : null, build: null },
    findings,
  );
  if (findings.length === before && dev.image && image) onEquivalent('image');
  return findings;
}

// The pod's containers but `name`, its main one (as the pod's service) among them.
function besides(name: string, pod: ServiceModel): ServiceModel['sidecars'] {
  const others = Object.entries(pod.sidecars).filter(([container]) => container !== name);
  const ports = [...new Set(pod.ports.map((p) => `${p.value.target}/${p.value.protocol}`))];
  const main: ServiceModel['sidecars'][string] = {
    value: {
      role: 'sidecar',
      image: pod.image?.value.raw ?? null,
      ports,
      container: { ...pod, sidecars: {} },
    },
    source: pod.source,
  };
  return Object.fromEntries([...others, [pod.name, main] as const]);
}
