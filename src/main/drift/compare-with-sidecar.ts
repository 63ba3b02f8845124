import type { ServiceModel } from '../../shared/model';
import { parseImageRef } from '../../shared/image-ref';
import { isSecretName } from '../../shared/secrets';
import { compareImage, compareService, type RawFinding } from './compare-service';

/**
 * A dev service that production runs as a sidecar or init container of another service's pod
 * (a match by `sidecar`): being a service of its own on the laptop is how the platforms differ,
 * shown as expected; the container itself is compared with it as any paired service is (image,
 * env, command, resources, user, health, security, ports, volumes), by the same comparers.
 */
export function compareWithSidecar(
  dev: ServiceModel,
  pod: ServiceModel,
  onEquivalent: (path: string) => void,
): RawFinding[] {
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
    findings.push(...compareService(dev.name, dev, container, { secretKeys, onEquivalent }));
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
